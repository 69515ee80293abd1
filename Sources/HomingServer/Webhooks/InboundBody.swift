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
        let type = request.headers[.contentType]?
            .split(separator: ";", maxSplits: 1).first?
            .trimmingCharacters(in: .whitespaces).lowercased()
        guard let type, mediaTypes.contains(type) else {
            let expected = mediaTypes.sorted().joined(separator: " or ")
            throw WebhookRejection(
                status: .unsupportedMediaType,
                reason: "content_type",
                field: "Content-Type",
                "Content-Type is \(type.map { "\"\($0)\"" } ?? "missing"); send \(expected)"
            )
        }
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
            throw tooLarge(limit)
        }
        do {
            var buffer = try await request.body.collect(upTo: limit)
            return buffer.readBytes(length: buffer.readableBytes) ?? []
        } catch is NIOTooManyBytesError {
            throw tooLarge(limit)
        }
    }

    private static func tooLarge(_ limit: Int) -> WebhookRejection {
        WebhookRejection(
            status: .contentTooLarge,
            reason: "too_large",
            "the body is over the \(limit)-byte limit; send smaller batches"
        )
    }
}
