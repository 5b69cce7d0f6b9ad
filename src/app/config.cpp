#include "app/config.hpp"

namespace outbreak::app {

std::string DefaultDataDir() { return OUTBREAK_DATA_DIR; }

}  // namespace outbreak::app
