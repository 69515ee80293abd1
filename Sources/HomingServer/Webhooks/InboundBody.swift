import Hummingbird
import NIOCore

/// Reads a webhook's raw body, refusing the wrong content type (415) and oversized bodies (413)
/// before anything is parsed; signatures are computed over exactly these bytes.
///
/// ```swift
/// let body = try await InboundBody.read(request, accepting: ["application/json"], limit: 1 << 20)
/// ```
public enum InboundBody {
    /// The default body limit, 1 MiB.
    public static let defaultLimit = 1 << 20

    public static func read(_ request: Request, accepting mediaTypes: Set<String>, limit: Int) async throws -> [UInt8] {
        let type = request.headers.value(.contentType).map(mediaType)
        guard let type, mediaTypes.contains(type) else {
            let expected = mediaTypes.sorted().joined(separator: " or ")
            throw WebhookRejection(
                status: .unsupportedMediaType,
                reason: "content_type",
                field: "Content-Type",
                "Content-Type is \(type.map { "\"\($0)\"" } ?? "missing"); send \(expected)"
            )
        }
        if let length = request.headers.value(.contentLength).flatMap(Int.init), length > limit {
            throw tooLarge(limit)
        }
        do {
            var buffer = try await request.body.collect(upTo: limit)
            return buffer.readBytes(length: buffer.readableBytes) ?? []
        } catch is NIOTooManyBytesError {
            throw tooLarge(limit)
        }
    }

    /// `application/json` of `Application/JSON; charset=utf-8`: before any parameter, trimmed,
    /// lowercased (ASCII, as media types are).
    private static func mediaType(_ header: String) -> String {
        let utf8 = header.utf8
        let name = utf8[..<(utf8.firstIndex(of: UInt8(ascii: ";")) ?? utf8.endIndex)]
        return String(
            decoding: name.trimmingSpaces.lazy.map { (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 },
            as: UTF8.self
        )
    }

    private static func tooLarge(_ limit: Int) -> WebhookRejection {
        WebhookRejection(
            status: .contentTooLarge,
            reason: "too_large",
            "the body is over the \(limit)-byte limit; send smaller batches"
        )
    }
}
