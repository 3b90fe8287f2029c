import Testing
@testable import RelGraphRendering
import RelGraphCore
