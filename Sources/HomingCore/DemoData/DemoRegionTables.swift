/// A region with everything a row needs precomputed: names, products, CSV fragments, zone offsets.
/// A class, so fetching it per row is one retain rather than one per array.
final class DemoRegionTables: Sendable {
    let region: DemoRegion
    let firstNames: [DemoName]
    let lastNames: [DemoName]
    /// The catalog, regular products first, then the rare oddities.
    let products: [DemoProduct]
    let regularProductCount: Int
    let promoCodes: [[UInt8]]
    let offsets: DemoZoneOffsets
    /// `locale,timezone,country` for the customer row.
    let localeColumns: [UInt8]
    let currency: [UInt8]

    init(_ region: DemoRegion, from start: Int64, through end: Int64) {
        self.region = region
        firstNames = DemoNames.first(region.language)
        lastNames = DemoNames.last(region.language)
        let regular = DemoProducts.catalog(region.language)
        products = regular + DemoProducts.oddities(region.language)
        regularProductCount = regular.count
        promoCodes = region.language.promoCodes.map { Array($0.utf8) }
        offsets = DemoZoneOffsets(identifier: region.timeZone, from: start, through: end)
        localeColumns = Array("\(region.locale),\(region.timeZone),\(region.country)".utf8)
        currency = Array(region.currency.utf8)
    }
}
