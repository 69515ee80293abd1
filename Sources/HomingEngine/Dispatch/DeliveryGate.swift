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
/// marketing sends. Sends approved by this process whose outcome is not yet recorded count toward
/// caps too, so two rows for one customer in the same batch cannot both slip under a cap; the
/// dispatcher calls ``settle(_:)`` once the outcome is durable and the store's history takes over.
final class DeliveryGate: Sendable {
    enum Decision {
        case send(DeliveryChannel, address: String)
        case settled(DeliveryRecord.Result)
    }

    private let store: any JourneyStore
    private let rules: DeliveryRules
    /// Approved, unrecorded marketing sends per customer key, by outbox id.
    private let approved = Mutex<[Int64: [(outboxID: Int64, channel: DeliveryChannel, sentAt: Instant)]]>([:])
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

    /// Forgets an approved send once its outcome is recorded (sent ones are in the store's history).
    func settle(_ row: ClaimedMessage) {
        approved.withLock { approved in
            guard var entries = approved[row.recipient.key] else { return }
            entries.removeAll { $0.outboxID == row.id }
            approved[row.recipient.key] = entries.isEmpty ? nil : entries
        }
    }

    private func checkCaps(_ row: ClaimedMessage, channel: DeliveryChannel, now: Instant) throws -> Decision? {
        let since = now.adding(seconds: -longestWindow)
        var history = try store.marketingSends(customerKey: row.recipient.key, since: since).compactMap { sent in
            DeliveryChannel(rawValue: sent.channel).map { (channel: $0, sentAt: sent.sentAt) }
        }
        let key = row.recipient.key
        return approved.withLock { approved in
            history += (approved[key] ?? []).map { (channel: $0.channel, sentAt: $0.sentAt) }
            switch rules.caps.check(history: history, channel: channel, now: now) {
            case .allowed:
                approved[key, default: []].append((outboxID: row.id, channel: channel, sentAt: now))
                return nil
            case .exceeded(let cap, let retryAt):
                switch cap.action {
                case .skip: return .settled(.skipped(reason: "frequency cap \(cap)"))
                case .defer: return .settled(.deferred(dueAt: retryAt, reason: "frequency cap \(cap)"))
                }
            }
        }
    }
}
