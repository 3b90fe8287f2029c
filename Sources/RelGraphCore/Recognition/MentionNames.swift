/// Which of a document's name strings each of its mentions is written as and resolves to,
/// by index: handed from recognition to the graph and the relation stage, so that each looks
/// a name up once per distinct string of the document instead of once per mention.
///
/// `strings` are the document's surfaces (one per distinct spelling, `SurfaceTable`) and
/// canonical names; `surfaces[k]` and `canonicals[k]` index the surface and the canonical
/// name of mention `k` of the mentions recognized with it (`strings[surfaces[k]]` is that
/// mention's `surface`, `strings[canonicals[k]]` its `canonical`, the very values). Equal
/// indices mean equal strings; unequal indices say nothing (the same text may be kept twice),
/// so users still decide equality as `String` does.
struct MentionNames: Sendable {
    var strings: [String] = []
    var surfaces: [Int32] = []
    var canonicals: [Int32] = []
}
