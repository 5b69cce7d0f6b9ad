#include "supply/short_dated.hpp"

#include <algorithm>
#include <map>
#include <tuple>
#include <utility>

namespace outbreak::supply {

int64_t TakeCommitted(std::vector<ShortDatedStock>& stock, int node, int medicine, int64_t units) {
  std::vector<ShortDatedStock*> held;
  for (ShortDatedStock& lot : stock) {
    if (lot.node == node && lot.medicine == medicine && lot.first_day == 0) held.push_back(&lot);
  }
  std::sort(held.begin(), held.end(), [](const ShortDatedStock* a, const ShortDatedStock* b) {
    return a->last_day > b->last_day;
  });
  for (ShortDatedStock* lot : held) {
    const int64_t take = std::min(units, lot->quantity);
    lot->quantity -= take;
    units -= take;
  }
  std::erase_if(stock, [](const ShortDatedStock& lot) { return lot.quantity == 0; });
  return units;
}

std::vector<ShortDatedUse> UseShortDatedLocally(std::vector<ShortDatedStock> stock,
                                                std::vector<DemandEntry>& demand, int medicines) {
  std::vector<ShortDatedUse> out(static_cast<size_t>(medicines));
  // The need of each (node, medicine), by day.
  std::map<std::pair<int, int>, std::vector<DemandEntry*>> need;
  for (DemandEntry& entry : demand) need[{entry.node, entry.medicine}].push_back(&entry);
  for (auto& [key, entries] : need) {
    std::sort(entries.begin(), entries.end(),
              [](const DemandEntry* a, const DemandEntry* b) { return a->day < b->day; });
  }
  // First expiry first; among equals, what arrives first.
  std::sort(stock.begin(), stock.end(), [](const ShortDatedStock& a, const ShortDatedStock& b) {
    return std::tie(a.last_day, a.first_day, a.node, a.medicine) <
           std::tie(b.last_day, b.first_day, b.node, b.medicine);
  });
  for (const ShortDatedStock& lot : stock) {
    int64_t left = lot.quantity;
    auto found = need.find({lot.node, lot.medicine});
    if (found != need.end()) {
      for (DemandEntry* entry : found->second) {
        if (left == 0 || entry->day > lot.last_day) break;
        if (entry->day < lot.first_day || entry->quantity == 0) continue;
        const int64_t take = std::min(left, entry->quantity);
        entry->quantity -= take;
        left -= take;
      }
    }
    ShortDatedUse& use = out[static_cast<size_t>(lot.medicine)];
    use.used += lot.quantity - left;
    use.left_to_expire += left;
  }
  std::erase_if(demand, [](const DemandEntry& entry) { return entry.quantity == 0; });
  return out;
}

}  // namespace outbreak::supply
