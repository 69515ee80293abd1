import Crypto
import Foundation
import HomingChannels
import HomingTestSupport
import Testing

/// How the push adapters read their keys from the environment at start-up: inline or from a file,
/// and errors that name the variable without ever quoting what it holds.
@Suite struct PushKeyConfigurationTests {
    static let fcmVariable = "HOMING_TEST_FCM_SERVICE_ACCOUNT"
    static let apnsVariable = "HOMING_TEST_APNS_KEY"

    func fcm(_ environment: [String: String], projectID: String? = nil) throws -> FCMAdapter {
        let transport = try Transport()
        defer { transport.shutdown() }
        return try FCMAdapter(
            configuration: FCMConfiguration(serviceAccountVariable: Self.fcmVariable, projectID: projectID),
            transport: transport,
            environment: environment
        )
    }

    func apns(_ environment: [String: String]) throws -> APNsAdapter {
        let transport = try Transport()
        defer { transport.shutdown() }
        return try APNsAdapter(
            configuration: APNsAdapterTests.configuration(port: 9),
            transport: transport,
            environment: environment
        )
    }

    /// The error `make` throws, checked to name `variable` and to quote none of `secrets`.
    func refusal(
        _ variable: String,
        hiding secrets: [String],
        _ make: () throws -> Any
    ) -> ChannelConfigurationError? {
        let error = #expect(throws: ChannelConfigurationError.self) { _ = try make() }
        #expect(error?.description.contains(variable) == true)
        for secret in secrets {
            #expect(error?.description.contains(secret) == false, "the error quotes the secret")
        }
        return error
    }

    @Test func serviceAccountJSONIsReadInlineOrFromAFile() throws {
        let json = FCMStandIn.serviceAccountJSON(tokenURI: "http://127.0.0.1:9/token")
        let directory = try TemporaryDirectory()
        let path = try directory.write(json, to: "shop-test-0123456789ab.json")

        #expect(try fcm([Self.fcmVariable: "\n  " + json]).projectID == "shop-test")
        #expect(try fcm([Self.fcmVariable: path]).projectID == "shop-test")
    }

    @Test func missingServiceAccountIsAMissingSecret() {
        let error = refusal(Self.fcmVariable, hiding: []) { try fcm([:]) }
        #expect(error?.kind == .missingSecret(variable: Self.fcmVariable))
    }

    @Test func brokenServiceAccountJSONIsRefusedWithoutQuotingIt() {
        let secret = #"{"client_email": "homing@x.iam.gserviceaccount.com", "private_key": "s3cr3t-not-a-key"}"#
        let error = refusal(Self.fcmVariable, hiding: ["s3cr3t", "homing@x"]) { try fcm([Self.fcmVariable: secret]) }
        #expect(error?.kind == .invalidSecret(variable: Self.fcmVariable))
        #expect(error?.description.contains("private_key") == true)

        let truncated = String(FCMStandIn.serviceAccountJSON(tokenURI: "http://127.0.0.1:9/token").prefix(200))
        let notJSON = refusal(Self.fcmVariable, hiding: [truncated]) { try fcm([Self.fcmVariable: truncated]) }
        #expect(notJSON?.kind == .invalidSecret(variable: Self.fcmVariable))
    }

    @Test func unreadablePathIsRefusedWithoutQuotingIt() {
        let path = "/nonexistent/homing-secret-dir/key.json"
        let error = refusal(Self.fcmVariable, hiding: ["homing-secret-dir"]) { try fcm([Self.fcmVariable: path]) }
        #expect(error?.kind == .invalidSecret(variable: Self.fcmVariable))
    }

    @Test func keyWithoutProjectNeedsOneConfigured() throws {
        let json = FCMStandIn.serviceAccountJSON(projectID: nil, tokenURI: "http://127.0.0.1:9/token")
        let error = refusal(Self.fcmVariable, hiding: []) { try fcm([Self.fcmVariable: json]) }
        #expect(error?.description.contains("projectID") == true)

        #expect(try fcm([Self.fcmVariable: json], projectID: "shop-other").projectID == "shop-other")
    }

    @Test func apnsKeyIsReadInlineOrFromAP8File() throws {
        let pem = P256.Signing.PrivateKey().pemRepresentation
        let directory = try TemporaryDirectory()
        let path = try directory.write(pem, to: "AuthKey_ABC123DEFG.p8")

        _ = try apns([Self.apnsVariable: pem])
        _ = try apns([Self.apnsVariable: path])
    }

    @Test func missingAPNsKeyIsAMissingSecret() {
        let error = refusal(Self.apnsVariable, hiding: []) { try apns([Self.apnsVariable: ""]) }
        #expect(error?.kind == .missingSecret(variable: Self.apnsVariable))
    }

    @Test func apnsKeyThatIsNotP256IsRefusedWithoutQuotingIt() {
        let body = "TUlHSEFnRUFNQk1HQnlxR1NNNDlBZ0VHQ0NxR1NNNDlBd0VIQkcwd2F3SUJBUVFn"
        let pem = "-----BEGIN PRIVATE KEY-----\n\(body)\n-----END PRIVATE KEY-----\n"
        let error = refusal(Self.apnsVariable, hiding: [body]) { try apns([Self.apnsVariable: pem]) }
        #expect(error?.kind == .invalidSecret(variable: Self.apnsVariable))
        #expect(error?.description.contains("AuthKey_ABC123DEFG.p8") == true)
    }
}
