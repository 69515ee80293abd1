/// An SMS body with its encoding and the number of segments it will be billed as.
///
/// ```swift
/// let sms = SMSText("Votre code : RETOUR20 — à bientôt !")
/// sms.encoding    // .ucs2: "—" and "ô" are not in GSM 03.38
/// sms.segments    // 1 (35 UTF-16 units ≤ 70)
/// SMSText("Price: 5€").units   // 10: "€" is an extension character and takes two septets
/// ```
///
/// GSM-7 applies only when every character is in the GSM 03.38 basic set or its extension table; one other
/// character switches the whole message to UCS-2. Multi-part messages lose room to the concatenation
/// header (153 septets or 67 units a segment), and an escape pair or surrogate pair is never split.
public struct SMSText: Sendable, Equatable {
    public enum Encoding: String, Sendable {
        case gsm7 = "GSM-7"
        case ucs2 = "UCS-2"
    }

    public let text: String
    public let encoding: Encoding
    /// Septets for GSM-7 (extension characters count two), UTF-16 code units for UCS-2.
    public let units: Int
    public let segments: Int

    public init(_ text: String) {
        self.text = text
        let septets = Self.septets(text)
        if let septets {
            encoding = .gsm7
            units = septets.reduce(0, +)
            segments = Self.segmentCount(septets, single: 160, multi: 153)
        } else {
            encoding = .ucs2
            let widths = text.unicodeScalars.map { $0.utf16.count }
            units = widths.reduce(0, +)
            segments = Self.segmentCount(widths, single: 70, multi: 67)
        }
    }

    /// Septets per character, or nil when a character is outside GSM 03.38.
    static func septets(_ text: String) -> [Int]? {
        var result: [Int] = []
        result.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            if GSM0338.basic.contains(scalar) {
                result.append(1)
            } else if GSM0338.extension.contains(scalar) {
                result.append(2)
            } else {
                return nil
            }
        }
        return result
    }

    /// Greedy split into segments of at most `multi` units, keeping each character's units together.
    static func segmentCount(_ widths: [Int], single: Int, multi: Int) -> Int {
        let total = widths.reduce(0, +)
        guard total > single else { return total == 0 ? 0 : 1 }
        var segments = 1
        var used = 0
        for width in widths {
            if used + width > multi {
                segments += 1
                used = 0
            }
            used += width
        }
        return segments
    }

    /// No-break spaces (U+00A0, U+202F) as plain spaces: they are not GSM-7 and would double the cost of a
    /// French SMS for no visible gain on a phone.
    public static func plainSpaces(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0 == "\u{00A0}" || $0 == "\u{202F}" }) else { return text }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            scalars.append(scalar == "\u{00A0}" || scalar == "\u{202F}" ? " " : scalar)
        }
        return String(scalars)
    }
}

/// The GSM 03.38 default alphabet (3GPP TS 23.038 §6.2.1) and its extension table.
enum GSM0338 {
    static let basic: Set<Unicode.Scalar> = Set(
        ("@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà").unicodeScalars
    )
    /// Sent as ESC plus one septet, so each counts two.
    static let `extension`: Set<Unicode.Scalar> = Set("\u{0C}^{}\\[~]|€".unicodeScalars)
}
