import Foundation
import HomingCore
import HomingStore
import Synchronization

/// Decides, just before a send, whether a claimed row goes out now, later, or not at all.
///
/// ```swift
/// let facts = try gate.prepare(claimed, now: now)    // two queries for the whole batch
/// switch gate.check(row, now: now, facts: facts) {
/// case .send(let channel, let address): …          // consent, address, suppressions, quiet hours, caps passed
/// case .settled(let result): record(result)        // skipped, suppressed or deferred, with the reason
/// }
/// ```
///
/// Consent and suppressions are always enforced; quiet hours always defer; caps count only
/// marketing sends. The store is read once per claimed batch (``prepare(_:now:)``), not once per
/// message. What this process did since that read is kept in memory: sends approved or sent but
/// not yet in the read history count toward caps (so two rows for one customer in a batch cannot
/// both slip under a cap), and addresses it suppressed are refused. The dispatcher calls
/// ``settle(_:result:)`` once an outcome is durable; the next ``prepare(_:now:)`` forgets what
/// the store then holds.
final class DeliveryGate: Sendable {
    enum Decision {
        case send(DeliveryChannel, address: String)
        case settled(DeliveryRecord.Result)
    }

    /// What the store said about one claimed batch.
    struct BatchFacts {
        var suppressed: [DeliveryChannel: Set<String>] = [:]
        var history: [Int64: [MarketingSend]] = [:]
    }

    private struct Approved {
        var outboxID: Int64
        var channel: DeliveryChannel
        var sentAt: Instant
        /// Recorded as sent: the next batch's store read includes it.
        var durable = false
    }

    private struct Memory {
        /// Approved marketing sends per customer key.
        var approved: [Int64: [Approved]] = [:]
        /// Addresses this process suppressed since the last store read, per channel.
        var suppressed: [DeliveryChannel: Set<String>] = [:]
    }

    private let store: any JourneyStore
    private let rules: DeliveryRules
    private let memory = Mutex(Memory())
    private let longestWindow: Int64

    init(store: any JourneyStore, rules: DeliveryRules) {
        self.store = store
        self.rules = rules
        longestWindow = rules.caps.caps.map(\.windowSeconds).max() ?? 0
    }

    /// Reads the suppressions and cap history `rows` need, in one query each.
    func prepare(_ rows: [ClaimedMessage], now: Instant) throws -> BatchFacts {
        // Forget first, then read: whatever was durable before the read is in it; anything settled
        // later stays in memory, and the two are merged by outbox id.
        memory.withLock { memory in
            memory.suppressed = [:]
            for (key, entries) in memory.approved {
                let pending = entries.filter { !$0.durable }
                memory.approved[key] = pending.isEmpty ? nil : pending
            }
        }
        var facts = BatchFacts()
        var addresses: [DeliveryChannel: [String]] = [:]
        var customers: [Int64] = []
        for row in rows {
            guard let channel = DeliveryChannel(rawValue: row.channel) else { continue }
            if channel.needsConsent, let address = MessageComposer.address(of: row.recipient.customer, on: channel) {
                addresses[channel, default: []].append(address)
            }
            if !row.transactional, longestWindow > 0 { customers.append(row.recipient.key) }
        }
        for (channel, list) in addresses {
            facts.suppressed[channel] = try store.suppressedAddresses(channel: channel.rawValue, among: list)
        }
        if !customers.isEmpty {
            facts.history = try store.marketingSends(
                customerKeys: customers,
                since: now.adding(seconds: -longestWindow)
            )
        }
        return facts
    }

    func check(_ row: ClaimedMessage, now: Instant, facts: BatchFacts) -> Decision {
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
        if channel.needsConsent, isSuppressed(address, on: channel, facts: facts) {
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
            if let decision = checkCaps(row, channel: channel, now: now, facts: facts) { return decision }
        }
        return .send(channel, address: address)
    }

    /// Notes a durable outcome: a sent row stays counted until the store's history has it; a row
    /// that was not sent stops counting; an address found invalid is refused from now on.
    func settle(_ row: ClaimedMessage, result: DeliveryRecord.Result) {
        memory.withLock { memory in
            let key = row.recipient.key
            if case .suppressed(_, let address?) = result, let channel = DeliveryChannel(rawValue: row.channel) {
                memory.suppressed[channel, default: []].insert(address)
            }
            guard var entries = memory.approved[key], let index = entries.firstIndex(where: { $0.outboxID == row.id })
            else { return }
            if case .sent = result {
                entries[index].durable = true
            } else {
                entries.remove(at: index)
            }
            memory.approved[key] = entries.isEmpty ? nil : entries
        }
    }

    private func isSuppressed(_ address: String, on channel: DeliveryChannel, facts: BatchFacts) -> Bool {
        if facts.suppressed[channel]?.contains(address) == true { return true }
        return memory.withLock { $0.suppressed[channel]?.contains(address) == true }
    }

    private func checkCaps(
        _ row: ClaimedMessage,
        channel: DeliveryChannel,
        now: Instant,
        facts: BatchFacts
    )
        -> Decision?
    {
        let key = row.recipient.key
        let stored = facts.history[key] ?? []
        let storedIDs = Set(stored.map(\.outboxID))
        var history = stored.compactMap { sent in
            DeliveryChannel(rawValue: sent.channel).map { (channel: $0, sentAt: sent.sentAt) }
        }
        return memory.withLock { memory in
            for entry in memory.approved[key] ?? [] where !storedIDs.contains(entry.outboxID) {
                history.append((channel: entry.channel, sentAt: entry.sentAt))
            }
            switch rules.caps.check(history: history, channel: channel, now: now) {
            case .allowed:
                memory.approved[key, default: []].append(Approved(outboxID: row.id, channel: channel, sentAt: now))
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
