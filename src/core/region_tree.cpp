#include "core/region_tree.hpp"

#include <algorithm>
#include <deque>

#include <fmt/format.h>

namespace outbreak {

namespace {

std::string Where(std::string_view source, const std::vector<int>& lines, size_t input_idx) {
  if (source.empty() && lines.empty()) return fmt::format("region #{}", input_idx + 1);
  const int line = input_idx < lines.size() ? lines[input_idx] : static_cast<int>(input_idx) + 2;
  return fmt::format("{}:{}", source.empty() ? "regions" : source, line);
}

// The regions whose parent links never reach a root: those on a cycle and those hanging below
// one. A walk also stops at an unknown parent or a region that is its own parent; those are
// reported as such, and what hangs below them is not called a cycle.
std::vector<bool> OnOrBelowCycle(const std::vector<Region>& regions,
                                 const std::unordered_map<std::string, size_t>& by_code) {
  enum class Mark : uint8_t { kUnseen, kOnWalk, kAcyclic, kCyclic };
  std::vector<Mark> marks(regions.size(), Mark::kUnseen);
  std::vector<size_t> walk;
  for (size_t start_idx = 0; start_idx < regions.size(); ++start_idx) {
    walk.clear();
    Mark outcome = Mark::kAcyclic;
    for (size_t at = start_idx;;) {
      if (marks[at] == Mark::kOnWalk) {
        outcome = Mark::kCyclic;
        break;
      }
      if (marks[at] != Mark::kUnseen) {
        outcome = marks[at];
        break;
      }
      marks[at] = Mark::kOnWalk;
      walk.push_back(at);
      const Region& region = regions[at];
      if (region.parent.empty() || region.parent == region.code) break;
      const auto parent = by_code.find(region.parent);
      if (parent == by_code.end()) break;
      at = parent->second;
    }
    for (size_t walked_idx : walk) marks[walked_idx] = outcome;
  }
  std::vector<bool> cyclic(regions.size(), false);
  for (size_t input_idx = 0; input_idx < regions.size(); ++input_idx) {
    cyclic[input_idx] = marks[input_idx] == Mark::kCyclic;
  }
  return cyclic;
}

}  // namespace

Result<RegionTree> RegionTree::Build(std::vector<Region> regions, std::string_view source,
                                     const std::vector<int>& lines) {
  std::vector<std::string> errors;
  std::unordered_map<std::string, size_t> by_code;
  for (size_t input_idx = 0; input_idx < regions.size(); ++input_idx) {
    const Region& region = regions[input_idx];
    const std::string where = Where(source, lines, input_idx);
    if (region.code.empty()) {
      errors.push_back(fmt::format("{}: code: is empty", where));
      continue;
    }
    if (region.population < 0) {
      errors.push_back(fmt::format("{}: population: \"{}\" is negative", where, region.population));
    }
    auto [it, inserted] = by_code.emplace(region.code, input_idx);
    if (!inserted) {
      errors.push_back(fmt::format("{}: code: \"{}\" is a duplicate of {}", where, region.code,
                                   Where(source, lines, it->second)));
    }
  }
  std::vector<size_t> roots;
  for (size_t input_idx = 0; input_idx < regions.size(); ++input_idx) {
    const Region& region = regions[input_idx];
    if (region.parent.empty()) {
      roots.push_back(input_idx);
    } else if (region.parent == region.code) {
      errors.push_back(fmt::format("{}: parent: \"{}\" is the region itself",
                                   Where(source, lines, input_idx), region.parent));
    } else if (!by_code.contains(region.parent)) {
      errors.push_back(fmt::format("{}: parent: unknown region \"{}\"",
                                   Where(source, lines, input_idx), region.parent));
    }
  }
  if (regions.empty()) {
    errors.push_back(fmt::format("{}: no regions", source.empty() ? "regions" : source));
  } else if (roots.empty()) {
    errors.push_back(fmt::format("{}: parent: no root region (one region must have no parent)",
                                 source.empty() ? "regions" : source));
  } else if (roots.size() > 1) {
    errors.push_back(fmt::format(
        "{}: parent: several root regions (\"{}\" and \"{}\"); exactly "
        "one region may have no parent",
        Where(source, lines, roots[1]), regions[roots[0]].code, regions[roots[1]].code));
  }
  // Checked beside the other mistakes, not after them, so that one run names every one.
  const std::vector<bool> cyclic = OnOrBelowCycle(regions, by_code);
  for (size_t input_idx = 0; input_idx < regions.size(); ++input_idx) {
    if (cyclic[input_idx]) {
      errors.push_back(fmt::format("{}: parent: \"{}\" is on a cycle or below one",
                                   Where(source, lines, input_idx), regions[input_idx].code));
    }
  }
  if (!errors.empty()) {
    // The message first: the order in which arguments are evaluated is unspecified, and the
    // details parameter may be moved into before errors.size() is read.
    std::string message = fmt::format("{} error(s) in the region tree", errors.size());
    return Status::InvalidArgument(std::move(message), std::move(errors));
  }

  // Breadth-first from the root gives parents before children. With one root, unique codes,
  // known parents and no cycle, every region is reached.
  std::unordered_map<std::string, std::vector<size_t>> kids_by_code;
  for (size_t input_idx = 0; input_idx < regions.size(); ++input_idx) {
    if (!regions[input_idx].parent.empty()) {
      kids_by_code[regions[input_idx].parent].push_back(input_idx);
    }
  }
  std::vector<size_t> order;
  order.reserve(regions.size());
  std::deque<size_t> queue{roots.front()};
  while (!queue.empty()) {
    const size_t input_idx = queue.front();
    queue.pop_front();
    order.push_back(input_idx);
    auto kids = kids_by_code.find(regions[input_idx].code);
    if (kids == kids_by_code.end()) continue;
    for (size_t kid : kids->second) queue.push_back(kid);
  }

  RegionTree tree;
  const int count = static_cast<int>(regions.size());
  tree.regions_.reserve(count);
  for (size_t input_idx : order) tree.regions_.push_back(std::move(regions[input_idx]));
  for (RegionIdx idx = 0; idx < count; ++idx) tree.index_.emplace(tree.regions_[idx].code, idx);
  tree.parents_.assign(count, kNoRegion);
  tree.children_.assign(count, {});
  for (RegionIdx idx = 1; idx < count; ++idx) {
    const RegionIdx parent_idx = tree.index_.at(tree.regions_[idx].parent);
    tree.parents_[idx] = parent_idx;
    tree.children_[parent_idx].push_back(idx);
  }
  tree.leaf_counts_.assign(count, 0);
  for (RegionIdx idx = count - 1; idx >= 0; --idx) {
    if (tree.children_[idx].empty()) {
      tree.leaf_counts_[idx] = 1;
      tree.leaves_.push_back(idx);
    }
    if (idx > 0) tree.leaf_counts_[tree.parents_[idx]] += tree.leaf_counts_[idx];
  }
  std::reverse(tree.leaves_.begin(), tree.leaves_.end());

  for (RegionIdx idx = 0; idx < count; ++idx) {
    if (tree.children_[idx].empty()) continue;
    int64_t children_population = 0;
    for (RegionIdx child : tree.children_[idx]) {
      children_population += tree.regions_[child].population;
    }
    if (children_population != tree.regions_[idx].population) {
      tree.warnings_.push_back(
          fmt::format("{}: population: {} is not the sum of its children's ({})",
                      tree.regions_[idx].code, tree.regions_[idx].population, children_population));
    }
  }
  return tree;
}

std::optional<RegionIdx> RegionTree::Find(std::string_view code) const {
  auto it = index_.find(std::string(code));
  if (it == index_.end()) return std::nullopt;
  return it->second;
}

std::vector<RegionIdx> RegionTree::LeavesUnder(RegionIdx idx) const {
  std::vector<RegionIdx> out;
  std::vector<RegionIdx> stack{idx};
  while (!stack.empty()) {
    const RegionIdx top = stack.back();
    stack.pop_back();
    if (children_[top].empty()) {
      out.push_back(top);
      continue;
    }
    for (auto it = children_[top].rbegin(); it != children_[top].rend(); ++it) stack.push_back(*it);
  }
  return out;
}

bool RegionTree::IsInSubtree(RegionIdx ancestor, RegionIdx idx) const {
  for (RegionIdx at = idx; at != kNoRegion; at = parents_[at]) {
    if (at == ancestor) return true;
  }
  return false;
}

std::vector<RegionIdx> RegionTree::PathToRoot(RegionIdx idx) const {
  std::vector<RegionIdx> path;
  for (RegionIdx at = idx; at != kNoRegion; at = parents_[at]) path.push_back(at);
  return path;
}

}  // namespace outbreak
