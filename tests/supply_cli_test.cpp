// `outbreak supply` end to end on the real binary and the demo: the catalogue and network from
// files, the ledger, a shipment from planned to received, a recall, a plan proposed and adopted,
// production; and bad files that must name file, line and field and change nothing.

#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <boost/json.hpp>

#include "cli_fixture.hpp"

namespace outbreak::testing {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;

// The shipments adopting a plan makes: one per (from, to, dispatch day), its medicines as lines.
size_t ShipmentsOfPlan(const json::value& plan) {
  std::set<std::string> trips;
  for (const json::value& s : plan.at("shipments").as_array()) {
    trips.insert(std::string(s.at("from").as_string()) + " " + std::string(s.at("to").as_string()) +
                 " " + std::string(s.at("dispatch_day").as_string()));
  }
  return trips.size();
}

// One demo database for the suite: each test works on nodes of its own.
class SupplyCliTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new std::string(NewTestDir());
    RunResult demo = Outbreak({"demo"});
    if (demo.exit_code != 0) setup_error_ = "outbreak demo: " + demo.err;
  }
  static void TearDownTestSuite() {
    fs::remove_all(*dir_);
    delete dir_;
    dir_ = nullptr;
  }
  void SetUp() override {
    if (!setup_error_.empty()) FAIL() << setup_error_;
  }

  static RunResult Outbreak(std::vector<std::string> args) {
    args.insert(args.begin(), {"--user", "cli"});
    return RunOutbreak(*dir_ + "/test.db", std::move(args));
  }
  static json::value Json(std::vector<std::string> args) {
    args.insert(args.end(), {"--format", "json"});
    return JsonOf(Outbreak(args));
  }
  static std::string File(const std::string& name, const std::string& text) {
    WriteFile(*dir_ + "/" + name, text);
    return *dir_ + "/" + name;
  }
  // Everything a reader sees of the supply data.
  static std::string Snapshot() {
    std::string out;
    for (const char* what : {"medicines", "protocols", "nodes", "links", "reserve", "capacities"}) {
      out += Outbreak({"supply", what, "list", "--format", "json"}).out;
    }
    out += Outbreak({"supply", "ledger", "list", "--limit", "10000000", "--format", "json"}).out;
    out += Outbreak({"supply", "shipments", "list", "--format", "json"}).out;
    return out;
  }
  static void ExpectRejected(const std::vector<std::string>& args,
                             const std::vector<std::string>& says) {
    ExpectRejectedUnchanged(Outbreak, Snapshot, args, says);
  }

  static inline std::string* dir_ = nullptr;
  static inline std::string setup_error_;
};

TEST_F(SupplyCliTest, EverySupplyCommandHasHelp) {
  const std::vector<std::vector<std::string>> commands = {{"supply"},
                                                          {"supply", "medicines", "import"},
                                                          {"supply", "medicines", "list"},
                                                          {"supply", "protocols", "import"},
                                                          {"supply", "protocols", "list"},
                                                          {"supply", "nodes", "import"},
                                                          {"supply", "nodes", "list"},
                                                          {"supply", "links", "import"},
                                                          {"supply", "links", "list"},
                                                          {"supply", "links", "default"},
                                                          {"supply", "reserve", "import"},
                                                          {"supply", "reserve", "list"},
                                                          {"supply", "capacities", "import"},
                                                          {"supply", "capacities", "list"},
                                                          {"supply", "ledger", "post"},
                                                          {"supply", "ledger", "list"},
                                                          {"supply", "stock"},
                                                          {"supply", "cover"},
                                                          {"supply", "demand"},
                                                          {"supply", "recall"},
                                                          {"supply", "shipments", "create"},
                                                          {"supply", "shipments", "list"},
                                                          {"supply", "shipments", "show"},
                                                          {"supply", "shipments", "approve"},
                                                          {"supply", "shipments", "cancel"},
                                                          {"supply", "shipments", "dispatch"},
                                                          {"supply", "shipments", "receive"},
                                                          {"supply", "plan"},
                                                          {"supply", "plans"},
                                                          {"supply", "plan-show"},
                                                          {"supply", "adopt"},
                                                          {"supply", "production"}};
  for (std::vector<std::string> command : commands) {
    command.push_back("--help");
    RunResult result = Outbreak(command);
    EXPECT_EQ(result.exit_code, 0) << command.back();
    EXPECT_NE(result.out.find("Usage"), std::string::npos) << result.out;
  }
}

TEST_F(SupplyCliTest, TheCatalogueAndNetworkComeFromFilesAndShowInTheLists) {
  RunResult medicines = Outbreak({"supply", "medicines", "import",
                                  File("medicines.csv",
                                       "code,name,unit,category,essential,shelf_life_days\n"
                                       "CLI-DEX,Dexamethasone 4 mg,ampoule,other,true,540\n")});
  ASSERT_EQ(medicines.exit_code, 0) << medicines.err;
  EXPECT_NE(medicines.out.find("1 added"), std::string::npos) << medicines.out;
  const std::vector<std::pair<std::vector<std::string>, std::string>> imports = {
      {{"protocols"}, "case_type,medicine,units_per_day,days,share\nsevere,CLI-DEX,2,5,0.3\n"},
      {{"nodes"}, "code,name,kind,region\nPH-KP-04-012,Wiwon pharmacy,pharmacy,KP-04-012\n"},
      {{"links"}, "from,to,transit_hours,daily_capacity_units\nCO-KP-04-012,PH-KP-04-012,2,900\n"},
      {{"reserve"}, "node,medicine,units\nCB-KP,CLI-DEX,0\n"},
      {{"capacities"}, "node,medicine,units_per_day\nF-SUNCHON,CLI-DEX,400\n"},
  };
  for (const auto& [what, text] : imports) {
    RunResult result =
        Outbreak({"supply", what.front(), "import", File(what.front() + ".csv", text)});
    EXPECT_EQ(result.exit_code, 0) << what.front() << ": " << result.err;
  }
  EXPECT_NE(Outbreak({"supply", "medicines", "list"}).out.find("CLI-DEX"), std::string::npos);
  EXPECT_NE(Outbreak({"supply", "nodes", "list", "--region", "KP-04-012"}).out.find("PH-KP-04-012"),
            std::string::npos);
  const json::value links = Json({"supply", "links", "list", "--region", "KP-04-012"});
  EXPECT_NE(json::serialize(links).find("PH-KP-04-012"), std::string::npos) << links;
  RunResult defaults = Outbreak({"supply", "links", "default", "--capacity", "1000"});
  EXPECT_EQ(defaults.exit_code, 0) << defaults.err;
}

TEST_F(SupplyCliTest, BadFilesNameFileLineAndFieldAndChangeNothing) {
  ExpectRejected({"supply", "medicines", "import",
                  File("bad_medicines.csv",
                       "code,name,unit,category,shelf_life_days\n"
                       "OK-1,Fine,tablet,other,10\n"
                       "BAD-1,Bad,tablet,antibiotics,-3\n")},
                 {"bad_medicines.csv:3: category: \"antibiotics\"",
                  "bad_medicines.csv:3: shelf_life_days: \"-3\""});
  ExpectRejected({"supply", "ledger", "post",
                  File("bad_ledger.csv",
                       "day,node,medicine,kind,quantity,lot\n"
                       "2022-09-01,CO-KP-04-013,PARA-500,receipt,-5,PA-2204-117\n"
                       "2022-09-01,CO-KP-04-013,PARA-500,transfer_in,5,PA-2204-117\n")},
                 {"bad_ledger.csv:2: quantity: \"-5\"", "bad_ledger.csv:3: kind"});
  // Read from the movement's declaration as a request body is: the bound of one movement, a lot
  // given two expiries, an identity given twice.
  ExpectRejected(
      {"supply", "ledger", "post",
       File("bound_ledger.csv",
            "day,node,medicine,kind,quantity,lot,expiry,movement\n"
            "2022-09-01,CO-KP-04-013,PARA-500,receipt,9223372036854775807,L-X,2024-01-31,m-1\n"
            "2022-09-01,CO-KP-04-013,PARA-500,receipt,5,L-Y,2024-01-31,m-2\n"
            "2022-09-01,CO-KP-04-013,PARA-500,receipt,5,L-Y,2024-02-29,m-2\n")},
      {"bound_ledger.csv:2: quantity: \"9223372036854775807\"",
       "bound_ledger.csv:4: movement: \"m-2\" appears twice",
       "bound_ledger.csv:4: expiry: \"2024-02-29\" differs from the expiry 2024-01-31"});
  ExpectRejected({"supply", "ledger", "post",
                  File("unknown_ledger.csv",
                       "day,node,medicine,kind,quantity,lot\n"
                       "2022-09-01,CO-KP-04-013,NOPE,issue,5,\n")},
                 {"\"NOPE\" is not in the catalogue"});
  ExpectRejected({"supply", "links", "import",
                  File("bad_links.csv", "from,to,transit_hours\nCB-KP,CB-KP,x\n")},
                 {"bad_links.csv:2: to", "bad_links.csv:2: transit_hours"});
  ExpectRejected({"supply", "shipments", "create", File("bad_shipment.json", "{\"from\": ")},
                 {"bad_shipment.json", "malformed JSON"});
  ExpectRejected({"supply", "shipments", "cancel", "999999", "--reason", "none"},
                 {"no shipment 999999"});
  ExpectRejected({"supply", "adopt", "999999"}, {"no distribution plan 999999"});
}

TEST_F(SupplyCliTest, ALedgerFilePostedTwiceIsWrittenOnce) {
  const std::string text =
      "day,node,medicine,kind,quantity,lot,expiry,maker\n"
      "2022-09-01,CO-KP-04-016,AMOX-500,receipt,300,CLI-TWICE-1,2024-06-30,F-PYONGYANG\n"
      "2022-09-01,CO-KP-04-016,AMOX-500,issue,40,CLI-TWICE-1,,\n";
  auto entries = [&] {
    return Json({"supply", "ledger", "list", "--node", "CO-KP-04-016", "--lot", "CLI-TWICE-1"})
        .at("entries")
        .as_array()
        .size();
  };
  RunResult first = Outbreak({"supply", "ledger", "post", File("twice.csv", text)});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_NE(first.out.find("2 ledger entries posted"), std::string::npos) << first.out;
  const size_t after_first = entries();
  EXPECT_EQ(after_first, 2u);
  // The same file again, under another name: recognised by its text, nothing written.
  RunResult again = Outbreak({"supply", "ledger", "post", File("twice-copy.csv", text)});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find("every movement was posted already (2); nothing was written"),
            std::string::npos)
      << again.out;
  EXPECT_EQ(entries(), after_first);
  // Movements with ids of their own: the same id with another quantity is refused, both shown.
  const std::string with_ids =
      "day,node,medicine,kind,quantity,lot,movement\n"
      "2022-09-02,CO-KP-04-016,AMOX-500,issue,10,CLI-TWICE-1,GRN-77/1\n";
  ASSERT_EQ(Outbreak({"supply", "ledger", "post", File("ids.csv", with_ids)}).exit_code, 0);
  RunResult clash =
      Outbreak({"supply", "ledger", "post",
                File("ids-changed.csv",
                     "day,node,medicine,kind,quantity,lot,movement\n"
                     "2022-09-02,CO-KP-04-016,AMOX-500,issue,11,CLI-TWICE-1,GRN-77/1\n")});
  EXPECT_NE(clash.exit_code, 0);
  EXPECT_NE(clash.err.find("GRN-77/1"), std::string::npos) << clash.err;
  EXPECT_NE(clash.err.find("issue of 10 AMOX-500"), std::string::npos) << clash.err;
  EXPECT_NE(clash.err.find("issue of 11 AMOX-500"), std::string::npos) << clash.err;
  EXPECT_EQ(entries(), after_first + 1);
}

TEST_F(SupplyCliTest, AShipmentIsReceivedShortAndTheLotCanBeRecalled) {
  RunResult posted = Outbreak(
      {"supply", "ledger", "post",
       File("receipt.csv",
            "day,node,medicine,kind,quantity,lot,expiry,maker\n"
            "2022-09-01,CO-KP-04-014,AMOX-500,receipt,500,CLI-AM-1,2024-06-30,F-PYONGYANG\n")});
  ASSERT_EQ(posted.exit_code, 0) << posted.err;
  RunResult created = Outbreak(
      {"supply", "shipments", "create",
       File("shipment.json",
            "{\"from\": \"CO-KP-04-014\", \"to\": \"CO-KP-04-015\", \"ship_day\": \"2022-09-02\", "
            "\"lines\": [{\"medicine\": \"AMOX-500\", \"quantity\": 200}]}")});
  ASSERT_EQ(created.exit_code, 0) << created.err;
  const json::value listed =
      Json({"supply", "shipments", "list", "--region", "KP-04-015", "--status", "planned"});
  ASSERT_EQ(listed.at("shipments").as_array().size(), 1u) << listed;
  const std::string id = std::to_string(listed.at("shipments").at(0).at("id").as_int64());

  RunResult early = Outbreak({"supply", "shipments", "dispatch", id, "--day", "2022-09-02"});
  EXPECT_NE(early.exit_code, 0);
  EXPECT_NE(early.err.find("approve it first"), std::string::npos) << early.err;
  ASSERT_EQ(Outbreak({"supply", "shipments", "approve", id}).exit_code, 0);
  const json::value dispatched =
      Json({"supply", "shipments", "dispatch", id, "--day", "2022-09-02"});
  ASSERT_TRUE(dispatched.is_object());
  ASSERT_EQ(dispatched.at("lots").as_array().size(), 1u) << dispatched;
  EXPECT_EQ(dispatched.at("lots").at(0).at("lot").as_string(), "CLI-AM-1");

  ExpectRejected({"supply", "shipments", "receive", id, "--day", "2022-09-03", "--counts",
                  File("too_many.csv", "medicine,lot,received\nAMOX-500,CLI-AM-1,201\n")},
                 {"CLI-AM-1"});
  const json::value received =
      Json({"supply", "shipments", "receive", id, "--day", "2022-09-03", "--counts",
            File("counts.csv",
                 "medicine,lot,received,loss_reason\nAMOX-500,CLI-AM-1,190,ten capsules spilt\n")});
  ASSERT_TRUE(received.is_object());
  EXPECT_EQ(received.at("status").as_string(), "received");
  EXPECT_EQ(received.at("lots").at(0).at("lost").as_int64(), 10);
  RunResult twice = Outbreak({"supply", "shipments", "receive", id, "--day", "2022-09-03",
                              "--counts", *dir_ + "/counts.csv"});
  EXPECT_NE(twice.exit_code, 0);

  const json::value recall =
      Json({"supply", "recall", "--medicine", "AMOX-500", "--lot", "CLI-AM-1"});
  ASSERT_TRUE(recall.is_object());
  EXPECT_EQ(recall.at("units_held").as_int64(), 490);  // 300 at the sender, 190 received
  EXPECT_EQ(recall.at("shipments").as_array().size(), 1u);
  const json::value stock =
      Json({"supply", "stock", "--region", "KP-04-015", "--medicine", "AMOX-500"});
  EXPECT_NE(json::serialize(stock).find("CLI-AM-1"), std::string::npos) << stock;
  RunResult text = Outbreak({"supply", "shipments", "show", id});
  EXPECT_NE(text.out.find("ten capsules spilt"), std::string::npos) << text.out;

  // Ordered recalled: the lot is stopped, its stock no longer usable, an issue of it refused.
  ExpectRejected({"supply", "recall", "--medicine", "AMOX-500", "--lot", "CLI-AM-1", "--order"},
                 {"reason"});
  const json::value ordered = Json({"supply", "recall", "--medicine", "AMOX-500", "--lot",
                                    "CLI-AM-1", "--order", "--reason", "capsules discoloured"});
  ASSERT_TRUE(ordered.is_object());
  EXPECT_EQ(ordered.at("recall").at("status").as_string(), "active") << ordered;
  RunResult stopped = Outbreak({"supply", "ledger", "post",
                                File("issue.csv",
                                     "day,node,medicine,kind,quantity,lot\n"
                                     "2022-09-04,CO-KP-04-015,AMOX-500,issue,5,CLI-AM-1\n")});
  EXPECT_NE(stopped.exit_code, 0);
  EXPECT_NE(stopped.err.find("is recalled"), std::string::npos) << stopped.err;
  const json::value blocked =
      Json({"supply", "stock", "--region", "KP-04-015", "--medicine", "AMOX-500"});
  EXPECT_EQ(blocked.at("lines").at(0).at("usable").as_int64(), 0) << blocked;
  RunResult recall_text =
      Outbreak({"supply", "recall", "--medicine", "AMOX-500", "--lot", "CLI-AM-1"});
  EXPECT_NE(recall_text.out.find("RECALLED since"), std::string::npos) << recall_text.out;
  // Lifted: it moves again.
  const json::value lifted = Json({"supply", "recall", "--medicine", "AMOX-500", "--lot",
                                   "CLI-AM-1", "--lift", "--reason", "colour within the norm"});
  ASSERT_TRUE(lifted.is_object());
  EXPECT_EQ(lifted.at("recall").at("status").as_string(), "lifted") << lifted;
  EXPECT_EQ(Outbreak({"supply", "ledger", "post", *dir_ + "/issue.csv"}).exit_code, 0);
}

TEST_F(SupplyCliTest, APlanIsProposedShownAndAdoptedOnce) {
  const json::value plan =
      Json({"supply", "plan", "--region", "KP-04", "--as-of", "2022-05-20", "--horizon", "7"});
  ASSERT_TRUE(plan.is_object());
  EXPECT_EQ(plan.at("status").as_string(), "proposed");
  const std::string id = std::to_string(plan.at("id").as_int64());
  const size_t planned = ShipmentsOfPlan(plan);
  RunResult text = Outbreak({"supply", "plan-show", id});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("SUPPLY PLAN " + id), std::string::npos) << text.out;
  EXPECT_NE(Outbreak({"supply", "plans"}).out.find(id), std::string::npos);
  RunResult adopted = Outbreak({"supply", "adopt", id});
  ASSERT_EQ(adopted.exit_code, 0) << adopted.err;
  EXPECT_NE(adopted.out.find(std::to_string(planned) + " shipment(s)"), std::string::npos)
      << adopted.out;
  EXPECT_NE(Outbreak({"supply", "adopt", id}).exit_code, 0);
  const json::value shipments = Json({"supply", "shipments", "list", "--plan", id});
  EXPECT_EQ(shipments.at("shipments").as_array().size(), planned);

  const json::value production =
      Json({"supply", "production", "--as-of", "2022-05-20", "--horizon", "14"});
  ASSERT_TRUE(production.is_object());
  EXPECT_FALSE(production.at("medicines").as_array().empty());
  for (const char* read : {"cover", "demand"}) {
    RunResult result = Outbreak({"supply", read, "--region", "KP-04", "--as-of", "2022-05-20"});
    EXPECT_EQ(result.exit_code, 0) << read << ": " << result.err;
  }
}

TEST_F(SupplyCliTest, APlanIsCarriedOutInBulkAndReplacedWhenPlannedAgain) {
  const json::value plan =
      Json({"supply", "plan", "--region", "KP-04", "--as-of", "2022-05-20", "--horizon", "7"});
  ASSERT_TRUE(plan.is_object());
  const std::string id = std::to_string(plan.at("id").as_int64());
  ASSERT_EQ(Outbreak({"supply", "adopt", id}).exit_code, 0);
  const size_t planned = ShipmentsOfPlan(plan);

  RunResult approved = Outbreak({"supply", "shipments", "bulk", "approve", "--plan", id});
  ASSERT_EQ(approved.exit_code, 0) << approved.err;
  EXPECT_NE(approved.out.find(std::to_string(planned) + " shipment(s) approved"), std::string::npos)
      << approved.out;
  const json::value first = plan.at("shipments").at(0);
  const std::string sender(first.at("from").as_string());
  const json::value queue =
      Json({"supply", "queue", sender, "--day", std::string(first.at("dispatch_day").as_string())});
  ASSERT_TRUE(queue.is_object());
  EXPECT_FALSE(queue.at("to_dispatch").as_array().empty());
  RunResult help = Outbreak({"supply", "shipments", "bulk", "--help"});
  EXPECT_NE(help.out.find("all or nothing"), std::string::npos) << help.out;
  EXPECT_NE(Outbreak({"supply", "shipments", "bulk", "approve"}).exit_code, 0);

  // Planned again after a ledger change: stale until confirmed, then it replaces the first plan.
  const json::value again =
      Json({"supply", "plan", "--region", "KP-04", "--as-of", "2022-05-20", "--horizon", "7"});
  const std::string second = std::to_string(again.at("id").as_int64());
  ASSERT_EQ(
      Outbreak({"supply", "shipments", "bulk", "cancel", "--plan", id, "--reason", "planned again"})
          .exit_code,
      0);
  RunResult stale = Outbreak({"supply", "adopt", second});
  EXPECT_NE(stale.exit_code, 0);
  EXPECT_NE(stale.err.find("stale"), std::string::npos) << stale.err;
  RunResult confirmed = Outbreak({"supply", "adopt", second, "--confirm-stale"});
  ASSERT_EQ(confirmed.exit_code, 0) << confirmed.err;
  EXPECT_NE(confirmed.out.find("supply plan " + id + " superseded"), std::string::npos)
      << confirmed.out;
}

}  // namespace
}  // namespace outbreak::testing
