#include "care/care_csv.hpp"

#include "care/care_records.hpp"
#include "record/record_csv.hpp"

namespace outbreak::care {

namespace {

// A region field checked against the tree.
template <typename T>
std::function<void(const T&, const record::Problem&)> KnownRegion(const RegionTree& tree) {
  return [&tree](const T& item, const record::Problem& problem) {
    if (!tree.Find(item.region)) problem("region", "is not a known region");
  };
}

}  // namespace

Result<std::vector<TreatmentCentre>> ParseCentresCsv(std::string_view text, std::string_view source,
                                                     const RegionTree& tree) {
  return record::ReadCsv(CentreRecord(), text, source, KnownRegion<TreatmentCentre>(tree));
}

Result<std::vector<CensusDay>> ParseCensusCsv(
    std::string_view text, std::string_view source,
    const std::function<bool(std::string_view)>& known_centre) {
  return record::ReadCsv<CensusDay>(CensusRecord(), text, source,
                                    [&](const CensusDay& day, const record::Problem& problem) {
                                      if (!known_centre(day.centre))
                                        problem("centre", "is not a known treatment centre");
                                    });
}

Result<std::vector<WorkforceCount>> ParseWorkforceCsv(std::string_view text,
                                                      std::string_view source,
                                                      const RegionTree& tree) {
  return record::ReadCsv(WorkforceRecord(), text, source, KnownRegion<WorkforceCount>(tree));
}

}  // namespace outbreak::care
