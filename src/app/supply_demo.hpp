#pragma once
// The supply part of the 2022 demo: an illustrative catalogue, protocols and factory capacities
// (data/dprk2022/supply/), a network built from the demo's regions (the central base, a supply
// centre per province, a supply base per city or county, three factories), opening stock on
// 2022-05-12, the issues to patients of the first days that follow from the demo's cases and the
// protocols, and a few shipments. None of it is published data: docs/supply.md and
// data/README.md say how each figure is made.

#include <string>

#include "app/supply_service.hpp"
#include "app/surveillance_service.hpp"

namespace outbreak::app {

struct SupplyDemoSummary {
  int64_t medicines = 0;
  int64_t nodes = 0;
  int64_t links = 0;
  int64_t ledger_entries = 0;  // 0 when the demo's ledger was there already
  int64_t shipments = 0;
};

// Loads the supply demo from `data_dir`/dprk2022/supply for the regions and reports already in
// `surveillance` (LoadDemo first). Running it again changes nothing.
Result<SupplyDemoSummary> LoadSupplyDemo(const SurveillanceService& surveillance,
                                         SupplyService& supply, const std::string& data_dir,
                                         const std::string& user);

}  // namespace outbreak::app
