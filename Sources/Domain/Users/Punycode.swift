/// RFC 3492 Punycode, the encoding behind IDNA A-labels (`xn--…`).
///
/// It exists because e-mail domains arrive both as Unicode (`bücher.de`) and as their ASCII form
/// (`xn--bcher-kva.de`), and the mailbox key must name one ASCII form for both; Foundation has no public
/// IDNA API on Linux and we take no dependency for it. Only the bare Punycode transform is here: adding or
/// stripping the `xn--` prefix and any IDNA mapping is the caller's business.
public enum Punycode {
    /// Encodes Unicode text as Punycode (RFC 3492 §6.3); basic (ASCII) code points are copied as they are.
    ///
    /// Throws ``PunycodeError/overflow`` only for inputs thousands of code points long.
    public static func encode(_ input: String) throws(PunycodeError) -> String {
        let codePoints = input.unicodeScalars.map { Int($0.value) }
        var output = codePoints.filter { $0 < initialN }.map { UInt8($0) }
        let basicCount = output.count
        var handled = basicCount
        if basicCount > 0 { output.append(delimiter) }
        var n = initialN
        var delta = 0
        var bias = initialBias
        while handled < codePoints.count {
            // The smallest code point not yet handled; one exists because handled < count.
            let m = codePoints.filter { $0 >= n }.min() ?? n
            guard m - n <= (maxInt - delta) / (handled + 1) else { throw .overflow }
            delta += (m - n) * (handled + 1)
            n = m
            for codePoint in codePoints {
                if codePoint < n {
                    delta += 1
                    guard delta <= maxInt else { throw .overflow }
                }
                guard codePoint == n else { continue }
                var q = delta
                var k = base
                while true {
                    let t = threshold(k, bias: bias)
                    if q < t { break }
                    output.append(digit(t + (q - t) % (base - t)))
                    q = (q - t) / (base - t)
                    k += base
                }
                output.append(digit(q))
                bias = adapt(delta, count: handled + 1, first: handled == basicCount)
                delta = 0
                handled += 1
            }
            delta += 1
            n += 1
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Decodes Punycode (RFC 3492 §6.2) back to Unicode text; digits are read case-insensitively.
    ///
    /// Refuses what RFC 3492 says a decoder must refuse (non-basic code points before the last delimiter,
    /// invalid or missing digits, integer overflow), plus a decoded value that is not a Unicode scalar
    /// (a surrogate or beyond U+10FFFF), which no conforming encoder produces.
    public static func decode(_ input: String) throws(PunycodeError) -> String {
        let codes = Array(input.utf8)
        guard input.unicodeScalars.allSatisfy(\.isASCII) else { throw .invalidInput }
        let lastDelimiter = codes.lastIndex(of: delimiter) ?? 0
        var output: [Unicode.Scalar] = codes[..<lastDelimiter].map { Unicode.Scalar($0) }
        var position = lastDelimiter > 0 ? lastDelimiter + 1 : 0
        var n = initialN
        var i = 0
        var bias = initialBias
        while position < codes.count {
            let oldI = i
            var w = 1
            var k = base
            while true {
                guard position < codes.count, let digit = value(ofDigit: codes[position]) else {
                    throw .invalidInput
                }
                position += 1
                guard digit <= (maxInt - i) / w else { throw .overflow }
                i += digit * w
                let t = threshold(k, bias: bias)
                if digit < t { break }
                guard w <= maxInt / (base - t) else { throw .overflow }
                w *= base - t
                k += base
            }
            let length = output.count + 1
            bias = adapt(i - oldI, count: length, first: oldI == 0)
            guard i / length <= maxInt - n else { throw .overflow }
            n += i / length
            i %= length
            guard let scalar = Unicode.Scalar(UInt32(n)) else { throw .invalidInput }
            output.insert(scalar, at: i)
            i += 1
        }
        var text = ""
        text.unicodeScalars.append(contentsOf: output)
        return text
    }

    // RFC 3492 §5 parameter values for Punycode.
    private static let base = 36
    private static let tMin = 1
    private static let tMax = 26
    private static let skew = 38
    private static let damp = 700
    private static let initialBias = 72
    private static let initialN = 0x80
    private static let delimiter = UInt8(ascii: "-")
    /// The largest value the integer arithmetic may reach: 2³¹ − 1, as in the common 32-bit implementations,
    /// so what overflows here overflows there too.
    private static let maxInt = Int(Int32.max)

    private static func threshold(_ k: Int, bias: Int) -> Int {
        if k <= bias { return tMin }
        if k >= bias + tMax { return tMax }
        return k - bias
    }

    /// RFC 3492 §6.1.
    private static func adapt(_ delta: Int, count: Int, first: Bool) -> Int {
        var delta = first ? delta / damp : delta / 2
        delta += delta / count
        var k = 0
        while delta > ((base - tMin) * tMax) / 2 {
            delta /= base - tMin
            k += base
        }
        return k + (base - tMin + 1) * delta / (delta + skew)
    }

    /// 0–25 → `a`–`z`, 26–35 → `0`–`9`.
    private static func digit(_ value: Int) -> UInt8 {
        value < 26 ? UInt8(ascii: "a") + UInt8(value) : UInt8(ascii: "0") + UInt8(value - 26)
    }

    private static func value(ofDigit code: UInt8) -> Int? {
        switch code {
        case UInt8(ascii: "a")...UInt8(ascii: "z"): Int(code - UInt8(ascii: "a"))
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): Int(code - UInt8(ascii: "A"))
        case UInt8(ascii: "0")...UInt8(ascii: "9"): Int(code - UInt8(ascii: "0")) + 26
        default: nil
        }
    }
}

/// Why a string could not be converted to or from Punycode.
public enum PunycodeError: Error, Equatable, Sendable {
    /// Not Punycode: a character that is not a Punycode digit, a non-ASCII character before the last `-`,
    /// input ending in the middle of a number, or a decoded value that is not a valid code point.
    case invalidInput
    /// A number exceeded 2³¹ − 1 (RFC 3492 §6.4); no valid label comes near that.
    case overflow
}
