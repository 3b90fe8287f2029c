import Testing
@testable import relgraph
import RelGraphCore
