import HomingCore
import Logging

extension Logger.MetadataValue {
    /// A customer's email address or phone number, masked for the log.
    ///
    /// ```swift
    /// context.logger.info("suppressed", metadata: ["email": .address(event.email)])   // email=a***@example.com
    /// ```
    ///
    /// Every route that logs an address uses this (or `LogMask.address` directly), at every level.
    public static func address(_ value: String?) -> Self {
        .string(LogMask.address(value))
    }
}
