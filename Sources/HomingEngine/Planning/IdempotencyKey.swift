import Crypto
import HomingCore

/// The idempotency key of one planned send (DESIGN §5).
///
/// ```swift
/// IdempotencyKey.make(journey: "win-back", enrolment: 1042, step: "1", customerID: "c_7", channel: .email)
/// // "hm_3f9c…" (hm_ and 32 hex digits)
/// ```
///
/// A digest of (journey, enrolment, step, customer, channel), so it is the same however often the
/// send is planned, fits every provider's field, and reveals no customer id to providers.
public enum IdempotencyKey {
    public static func make(
        journey: String,
        enrolment: Int64,
        step: String,
        customerID: String,
        channel: DeliveryChannel
    ) -> String {
        var hasher = SHA256()
        for var part in [journey, String(enrolment), step, customerID, channel.rawValue] {
            part.withUTF8 { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
            hasher.update(data: separator)
        }
        // Hex by table into one buffer: per-byte `String(radix:)` and `joined` were most of the cost.
        let digest = hasher.finalize()
        return String(unsafeUninitializedCapacity: 35) { out in
            out[0] = UInt8(ascii: "h")
            out[1] = UInt8(ascii: "m")
            out[2] = UInt8(ascii: "_")
            for (index, byte) in digest.prefix(16).enumerated() {
                out[3 + 2 * index] = hexDigits[Int(byte >> 4)]
                out[4 + 2 * index] = hexDigits[Int(byte & 0xF)]
            }
            return 35
        }
    }
}

private let separator: [UInt8] = [0]
private let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)
