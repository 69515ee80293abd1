import Foundation
import HomingCore
import HomingStore
import Synchronization

/// Decides, just before a send, whether a claimed row goes out now, later, or not at all.
///
/// ```swift
/// switch try gate.check(row, now: now) {
/// case .send(let channel, let address): …          // consent, address, suppressions, quiet hours, caps passed
/// case .settled(let result): record(result)        // skipped, suppressed or deferred, with the reason
/// }
/// ```
///
/// Consent and suppressions are always enforced; quiet hours always defer; caps count only
/// marketing sends. Sends approved by this process but not yet recorded count toward caps too, so
/// two rows for one customer in the same batch cannot both slip under a cap.
final class DeliveryGate: Sendable {
    enum Decision {
        case send(DeliveryChannel, address: String)
        case settled(DeliveryRecord.Result)
    }

    private let store: any JourneyStore
    private let rules: DeliveryRules
    private let approved = Mutex<[Int64: [(channel: DeliveryChannel, sentAt: Instant)]]>([:])
    private let longestWindow: Int64

    init(store: any JourneyStore, rules: DeliveryRules) {
        self.store = store
        self.rules = rules
        longestWindow = rules.caps.caps.map(\.windowSeconds).max() ?? 0
    }

    func check(_ row: ClaimedMessage, now: Instant) throws -> Decision {
        guard let channel = DeliveryChannel(rawValue: row.channel) else {
            return .settled(.skipped(reason: "unknown channel \(row.channel)"))
        }
        let customer = row.recipient.customer
        guard customer.consent.allows(channel) else {
            return .settled(.skipped(reason: "no \(channel) consent"))
        }
        guard let address = MessageComposer.address(of: customer, on: channel), !address.isEmpty else {
            return .settled(.skipped(reason: "no \(channel) address"))
        }
        if channel.needsConsent, try store.isSuppressed(channel: channel.rawValue, address: address) {
            return .settled(.suppressed(reason: "address on the suppression list", suppress: nil))
        }
        if let quiet = rules.quietHours[channel] {
            let zoneName = customer.timeZone ?? rules.defaultTimeZone
            let zone = TimeZoneCache.zone(zoneName) ?? TimeZone(identifier: "UTC")!
            if let end = quiet.deferral(for: now, in: zone) {
                return .settled(.deferred(dueAt: end, reason: "quiet hours \(quiet) \(zoneName)"))
            }
        }
        if !row.transactional, longestWindow > 0 {
            if let decision = try checkCaps(row, channel: channel, now: now) { return decision }
        }
        return .send(channel, address: address)
    }

    private func checkCaps(_ row: ClaimedMessage, channel: DeliveryChannel, now: Instant) throws -> Decision? {
        let since = now.adding(seconds: -longestWindow)
        var history = try store.marketingSends(customerKey: row.recipient.key, since: since).compactMap { sent in
            DeliveryChannel(rawValue: sent.channel).map { (channel: $0, sentAt: sent.sentAt) }
        }
        let key = row.recipient.key
        return approved.withLock { approved in
            let recent = (approved[key] ?? []).filter { $0.sentAt >= since }
            history += recent
            switch rules.caps.check(history: history, channel: channel, now: now) {
            case .allowed:
                approved[key] = recent + [(channel: channel, sentAt: now)]
                return nil
            case .exceeded(let cap, let retryAt):
                approved[key] = recent
                switch cap.action {
                case .skip: return .settled(.skipped(reason: "frequency cap \(cap)"))
                case .defer: return .settled(.deferred(dueAt: retryAt, reason: "frequency cap \(cap)"))
                }
            }
        }
    }
}
