import HomingCore

/// Where Homing keeps customers, orders and everything derived from them.
public protocol Store: Sendable {}
