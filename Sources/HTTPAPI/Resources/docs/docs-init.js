// Starts Swagger UI on the API's own document (ADR 021). A file rather than an inline script, so the page's
// Content-Security-Policy can allow scripts from this origin only.
window.ui = SwaggerUIBundle({
  url: "/openapi.json",
  dom_id: "#swagger-ui",
  deepLinking: true,
  docExpansion: "list",
  filter: true,
  displayRequestDuration: true,
  showCommonExtensions: true,
  persistAuthorization: false,
  tryItOutEnabled: false,
  layout: "BaseLayout",
});
