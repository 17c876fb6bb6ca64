// The console's pages update without a full reload (ADR 022): a page whose <main> carries data-refresh asks
// for its own content again every so many seconds and swaps it in, unless a form on it has the focus.
(function () {
  const main = document.getElementById("main");
  const seconds = Number(main && main.dataset.refresh);
  if (!seconds) return;
  setInterval(async function () {
    if (document.hidden || main.contains(document.activeElement) && document.activeElement.tagName !== "MAIN") return;
    try {
      const answer = await fetch(location.href, { headers: { "X-Console-Fragment": "1" }, credentials: "same-origin" });
      if (answer.ok && answer.headers.get("X-Console-Fragment") === "1") main.innerHTML = await answer.text();
    } catch (error) {
      // The next tick tries again; the page keeps its last content meanwhile.
    }
  }, seconds * 1000);
})();
