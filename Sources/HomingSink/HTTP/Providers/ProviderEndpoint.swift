/// One provider's API as the sink imitates it: what a request carries and how the provider answers.
///
/// ```swift
/// let endpoint: any ProviderEndpoint = TwilioEndpoint(accountSID: "AC…")
/// if let malformed = endpoint.read(request, into: &record) { return malformed }
/// let reply = endpoint.reply(.accepted, record: record, sequence: 1)
/// ```
///
/// `read` fills the record's recipients, text and idempotency key and returns a 400 in the
/// provider's own error format when the body cannot be read. `reply` answers an outcome the way
/// the real provider does, so an adapter classifies the sink's answers exactly as it would the
/// provider's.
protocol ProviderEndpoint: Sendable {
    var channel: String { get }
    var provider: String { get }
    func read(_ request: SinkHTTPRequest, into record: inout SinkRecord) -> SinkReply?
    func reply(_ outcome: SinkOutcome, record: SinkRecord, sequence: Int) -> SinkReply
}
