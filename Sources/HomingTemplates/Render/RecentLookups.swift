/// The last few keys a cache answered, compared before the cache's dictionary is hashed.
///
/// ```swift
/// var recent = RecentLookups<String, Int>(capacity: 8)
/// recent.remember("welcome", 1)
/// recent["welcome"]   // 1, found without hashing "welcome"
/// ```
///
/// A send renders one message for many customers in a handful of locales, so the same few keys come back
/// render after render. Comparing a key with one of the same storage is a few instructions; hashing it
/// (a message name and a locale tag of five fields, or an input shape) costs more. This is only a front:
/// the caller still keeps every entry in its dictionary and asks it on a miss. Not thread-safe on its
/// own; callers keep it inside the same `Mutex` as their dictionary.
struct RecentLookups<Key: Equatable, Value> {
    private var keys: [Key] = []
    private var values: [Value] = []
    /// Where the next entry goes once the list is full: the oldest is replaced.
    private var next = 0
    let capacity: Int

    init(capacity: Int) {
        precondition(capacity > 0, "RecentLookups needs room for at least one key")
        self.capacity = capacity
        keys.reserveCapacity(capacity)
        values.reserveCapacity(capacity)
    }

    /// The value remembered for `key`, or nil.
    subscript(key: Key) -> Value? {
        first { $0 == key }
    }

    /// The value of the first remembered key that `matches`, or nil: for callers that compare the parts of
    /// a key they hold without building one.
    func first(where matches: (Key) -> Bool) -> Value? {
        for index in keys.indices where matches(keys[index]) { return values[index] }
        return nil
    }

    /// Keeps `value` for `key`, replacing the oldest entry when full. The caller remembers a key only after
    /// a miss, so no key is kept twice.
    mutating func remember(_ key: Key, _ value: Value) {
        if keys.count < capacity {
            keys.append(key)
            values.append(value)
            return
        }
        keys[next] = key
        values[next] = value
        next = (next + 1) % capacity
    }

    /// Forgets every entry, as the caller does when it empties its dictionary.
    mutating func removeAll() {
        keys.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)
        next = 0
    }
}

/// A dictionary behind a ``RecentLookups`` front, emptied once it holds `limit` entries rather than
/// grown without bound: the render plans by message, channel and tag, and a plan's skeletons by input
/// shape.
///
/// ```swift
/// var cache = LookupCache<[Int], String>(recent: 4)
/// cache.insert("skeleton", for: [0, 1])
/// cache.find([0, 1])   // "skeleton"; the next find compares [0, 1] without hashing it
/// ```
///
/// Not thread-safe on its own; callers keep it inside a `Mutex`.
struct LookupCache<Key: Hashable, Value> {
    private var all: [Key: Value] = [:]
    private var recent: RecentLookups<Key, Value>
    let limit: Int

    init(recent: Int, limit: Int = 10_000) {
        self.recent = RecentLookups(capacity: recent)
        self.limit = limit
    }

    /// The value for `key`, or nil.
    mutating func find(_ key: Key) -> Value? {
        if let found = recent[key] { return found }
        return find(hashing: key)
    }

    /// The value of the recent key that `matches`, else of `key()` from the dictionary: for callers that
    /// compare the parts of a key they hold, so a hit builds no key.
    mutating func find(recentWhere matches: (Key) -> Bool, key: () -> Key) -> Value? {
        if let found = recent.first(where: matches) { return found }
        return find(hashing: key())
    }

    /// Keeps `value` for `key`, first emptying the cache when it is full.
    mutating func insert(_ value: Value, for key: Key) {
        if all.count >= limit {
            all.removeAll(keepingCapacity: true)
            recent.removeAll()
        }
        all[key] = value
    }

    private mutating func find(hashing key: Key) -> Value? {
        guard let found = all[key] else { return nil }
        recent.remember(key, found)
        return found
    }
}
