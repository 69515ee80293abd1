import Foundation
import HomingTestSupport
import _CryptoExtras

/// Google's OAuth token endpoint and the FCM send API in one real loopback server, with a
/// service-account key made for the test run.
///
/// ```swift
/// let google = try FCMStandIn { request in .respond(status: 200, body: Array(#"{"name":"m/1"}"#.utf8)) }
/// defer { google.stop() }
/// let environment = ["HOMING_TEST_FCM": google.serviceAccountJSON()]
/// // … send, then:
/// google.tokenRequests.count   // how many access tokens were fetched
/// ```
///
/// `POST /token` answers `{"access_token": "ya29.token-N", "expires_in": 3600}` with N counting
/// up from 1, after `tokenDelay`, unless `tokenReply` says otherwise; every other path goes to `send`.
final class FCMStandIn: Sendable {
    static let key = try! _RSA.Signing.PrivateKey(keySize: .bits2048)
    static let clientEmail = "homing@shop-test.iam.gserviceaccount.com"
    static let projectID = "shop-test"

    let server: LoopbackHTTPServer

    init(
        tokenDelay: Duration = .zero,
        tokenReply: (@Sendable (Int) -> LoopbackHTTPServer.Reply)? = nil,
        send: @escaping @Sendable (LoopbackHTTPServer.Request) -> LoopbackHTTPServer.Reply
    ) throws {
        let issued = Counter()
        server = try LoopbackHTTPServer { request in
            guard request.path == "/token" else { return send(request) }
            let number = issued.next()
            if let tokenReply { return tokenReply(number) }
            let body = #"{"access_token":"ya29.token-\#(number)","expires_in":3600,"token_type":"Bearer"}"#
            return .respond(
                status: 200,
                headers: [.init("Content-Type", "application/json; charset=utf-8")],
                body: Array(body.utf8),
                delay: tokenDelay
            )
        }
    }

    var baseURL: String { "http://127.0.0.1:\(server.port)" }
    var tokenURL: String { baseURL + "/token" }
    var tokenRequests: [LoopbackHTTPServer.Request] { server.requests.filter { $0.path == "/token" } }
    var sendRequests: [LoopbackHTTPServer.Request] { server.requests.filter { $0.path != "/token" } }

    func stop() { server.stop() }

    /// A service-account key file's JSON naming this server's token endpoint, unless `tokenURI` is given.
    func serviceAccountJSON(projectID: String? = FCMStandIn.projectID, tokenURI: String? = nil) -> String {
        Self.serviceAccountJSON(projectID: projectID, tokenURI: tokenURI ?? tokenURL)
    }

    /// A service-account key file's JSON, as the Google Cloud console writes it.
    static func serviceAccountJSON(projectID: String? = FCMStandIn.projectID, tokenURI: String) -> String {
        var fields: [String: String] = [
            "type": "service_account",
            "private_key_id": "0123456789abcdef0123456789abcdef01234567",
            "private_key": key.pkcs8PEMRepresentation,
            "client_email": clientEmail,
            "client_id": "100000000000000000001",
            "token_uri": tokenURI,
        ]
        fields["project_id"] = projectID
        let data = try! JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }

    /// The form fields of a token request, decoded the way a receiver would.
    static func form(_ request: LoopbackHTTPServer.Request) -> [String: String] {
        var components = URLComponents()
        components.percentEncodedQuery = request.bodyText.replacingOccurrences(of: "+", with: "%20")
        return Dictionary((components.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { $1 })
    }

    /// The bearer token a send carried.
    static func bearer(_ request: LoopbackHTTPServer.Request) -> String? {
        guard let value = request.header("authorization"), value.hasPrefix("Bearer ") else { return nil }
        return String(value.dropFirst("Bearer ".count))
    }

}
