/// Google's OAuth 2.0 token endpoint for service accounts, `POST /token` with
/// `grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer&assertion=…`, so an FCM adapter can
/// fetch its bearer token from the sink. Any assertion is accepted; nothing is recorded.
///
/// ```swift
/// // curl localhost:8025/token -d grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer -d assertion=x
/// ```
enum OAuthTokenEndpoint {
    static let grantType = "urn:ietf:params:oauth:grant-type:jwt-bearer"

    static func reply(_ request: SinkHTTPRequest) -> SinkReply {
        let form = request.form() ?? [:]
        guard form["grant_type"] == grantType else {
            let description = "Invalid grant_type: \(form["grant_type"] ?? "")"
            return .json(
                400,
                #"{"error":"unsupported_grant_type","error_description":\#(JSONText.quoted(description))}"#
            )
        }
        guard let assertion = form["assertion"], !assertion.isEmpty else {
            return .json(
                400,
                #"{"error":"invalid_request","error_description":"Missing required parameter: assertion"}"#
            )
        }
        let token = "sink-" + String(UInt64.random(in: 0...UInt64.max), radix: 16)
        return .json(200, #"{"access_token":"\#(token)","expires_in":3599,"token_type":"Bearer"}"#)
    }
}
