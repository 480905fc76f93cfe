#include <catch2/catch.hpp>
#include <sstream>
#include "cli/app.hpp"
TEST_CASE("the sample validates", "[cli]") {
    std::ostringstream out, err;
    CHECK(powermap::cli::run({"validate"}, out, err) == 0);
}
