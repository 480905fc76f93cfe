// io::read_source_text: a map's source texts are read only inside its own folder tree (or a
// --sources-dir), only from regular files, and only up to the cap.
//
//   scratch/
//     map/            <- the map's folder
//       map.json
//       text.txt      "inside"
//       sub/deep.txt  "deep"
//       back.txt -> sub/deep.txt      (a symlink that stays inside: allowed)
//       out.txt  -> ../other/secret.txt  (a symlink out of the folder: refused)
//       fifo          (mkfifo: refused, and never opened for reading)
//       big.txt       (sparse, one byte over the cap: refused)
//     other/
//       secret.txt    "secret"
#include <filesystem>

#include <catch2/catch.hpp>
#include <sys/stat.h>
#include <unistd.h>

#include "io/files/source_text.hpp"
#include "tests/support.hpp"

namespace fs = std::filesystem;
using powermap::io::read_source_text;
using powermap::io::TextProblem;
using powermap::tests::spit;

namespace {

struct Tree {
    fs::path root;
    fs::path map;
    Tree() {
        root = powermap::tests::scratch_dir("source_text");
        fs::create_directories(root / "map" / "sub");
        fs::create_directories(root / "other");
        map = root / "map" / "map.json";
        spit(map, "{}");
        spit(root / "map" / "text.txt", "inside");
        spit(root / "map" / "sub" / "deep.txt", "deep");
        spit(root / "other" / "secret.txt", "secret");
        fs::create_symlink("sub/deep.txt", root / "map" / "back.txt");
        fs::create_symlink("../other/secret.txt", root / "map" / "out.txt");
        REQUIRE(::mkfifo((root / "map" / "fifo").c_str(), 0600) == 0);
        spit(root / "map" / "big.txt", "");
        fs::resize_file(root / "map" / "big.txt", powermap::io::max_source_text_bytes + 1);
    }
};

} // namespace

TEST_CASE("source texts inside the map's folder are read", "[io][hostile]") {
    const Tree tree;
    auto plain = read_source_text(tree.map.string(), "text.txt", {});
    CHECK(plain.problem == TextProblem::None);
    CHECK(plain.text == "inside");
    CHECK(plain.path == fs::canonical(tree.root / "map" / "text.txt").string());
    CHECK(read_source_text(tree.map.string(), "sub/deep.txt", {}).text == "deep");
    // '..' that stays inside, and a symlink that stays inside, are fine.
    CHECK(read_source_text(tree.map.string(), "sub/../text.txt", {}).text == "inside");
    CHECK(read_source_text(tree.map.string(), "back.txt", {}).text == "deep");
}

TEST_CASE("source texts outside the map's folder are refused", "[io][hostile]") {
    const Tree tree;
    const std::string map = tree.map.string();
    CHECK(read_source_text(map, "../other/secret.txt", {}).problem == TextProblem::Outside);
    CHECK(read_source_text(map, "out.txt", {}).problem == TextProblem::Outside);
    CHECK(read_source_text(map, "sub/../../other/secret.txt", {}).problem == TextProblem::Outside);
    // A '..' escape is refused the same whether the file exists or not: no existence probe.
    CHECK(read_source_text(map, "../other/no-such.txt", {}).problem == TextProblem::Outside);
    CHECK(read_source_text(map, "/etc/passwd", {}).problem == TextProblem::Absolute);
    CHECK(read_source_text(map, (tree.root / "map" / "text.txt").string(), {}).problem ==
          TextProblem::Absolute); // even when it names a file inside the folder
    CHECK(read_source_text(map, "/proc/self/environ", {}).problem == TextProblem::Absolute);
    CHECK(read_source_text(map, std::string("text.txt\0../x", 13), {}).problem ==
          TextProblem::BadName);
    for (const char* refused : {"../other/secret.txt", "out.txt", "/etc/passwd"}) {
        INFO(refused);
        auto result = read_source_text(map, refused, {});
        CHECK_FALSE(result.text.has_value());
        CHECK(result.path.empty());
    }
}

TEST_CASE("a --sources-dir lets a map read texts from another folder", "[io][hostile]") {
    const Tree tree;
    const std::string map = tree.map.string();
    const std::vector<std::string> dirs{(tree.root / "other").string()};
    // Relative to the map's folder, landing in the allowed folder.
    CHECK(read_source_text(map, "../other/secret.txt", dirs).text == "secret");
    // Relative to the allowed folder itself.
    CHECK(read_source_text(map, "secret.txt", dirs).text == "secret");
    // The symlink out of the map's folder now lands inside an allowed one.
    CHECK(read_source_text(map, "out.txt", dirs).text == "secret");
    // Still no absolute paths, and nothing beyond the allowed folders.
    CHECK(read_source_text(map, (tree.root / "other" / "secret.txt").string(), dirs).problem ==
          TextProblem::Absolute);
    auto beyond = read_source_text(map, "../../x.txt", dirs);
    CHECK(beyond.problem == TextProblem::Outside);
    CHECK(beyond.searched_sources_dirs);
}

TEST_CASE("only regular files of at most the cap are read", "[io][hostile]") {
    const Tree tree;
    const std::string map = tree.map.string();
    auto fifo = read_source_text(map, "fifo", {}); // would block forever if opened to read
    CHECK(fifo.problem == TextProblem::NotRegular);
    CHECK(fifo.detail == "a FIFO (named pipe)");
    auto folder = read_source_text(map, "sub", {});
    CHECK(folder.problem == TextProblem::NotRegular);
    CHECK(folder.detail == "a folder");
    CHECK(read_source_text(map, ".", {}).detail == "a folder");
    auto device = read_source_text(map, "zero", {"/dev"}); // endless if read
    CHECK(device.problem == TextProblem::NotRegular);
    CHECK(device.detail == "a character device");
    CHECK(read_source_text(map, "big.txt", {}).problem == TextProblem::TooLarge);
    CHECK(read_source_text(map, "missing.txt", {}).problem == TextProblem::Missing);
}

TEST_CASE("every refusal is one warning naming the way out", "[io][hostile]") {
    const Tree tree;
    const powermap::SourceLocation where{tree.map.string(), 3, 7, {}};
    auto warning = [&](const std::string& text_file, const std::vector<std::string>& dirs = {}) {
        return powermap::io::source_text_warning(
            "note", text_file, read_source_text(tree.map.string(), text_file, dirs), where);
    };
    const auto outside = warning("../other/secret.txt");
    CHECK(outside.severity == powermap::Severity::Warning);
    CHECK(outside.location.line == 3);
    CHECK(outside.message == "the text of source 'note' ('../other/secret.txt') lies outside "
                             "the map's folder '" +
                                 (tree.root / "map").string() + "', so powermap does not read it");
    CHECK(outside.hint == "if you trust the map, pass --sources-dir with the folder that holds "
                          "the text; quotes of this source are left unchecked");
    CHECK(warning("/etc/passwd").message == "source 'note' names its text by the absolute path "
                                            "'/etc/passwd', which powermap does not read");
    CHECK(warning("fifo").message ==
          "the text of source 'note' ('fifo') is a FIFO (named pipe), not a regular file");
    CHECK(warning("big.txt").message ==
          "the text of source 'note' ('big.txt') is larger than 64 MiB, the limit for source "
          "texts");
    CHECK(warning("missing.txt").message ==
          "cannot read the text of source 'note' from 'missing.txt': there is no such file");
    CHECK(warning("missing.txt").hint.find("--sources-dir") != std::string::npos);
}
