// Prefix reuse (core/prefix_reuse.h) may change only the speed: a variant continued from
// a shorter pathway's saved run must give bit-identical tallies to simulating it from
// entry, with every mechanism that carries state through a spell switched on.
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <tuple>

#include "core/engine.h"
#include "core/prefix_reuse.h"
#include "io/catalogue_reader.h"
#include "io/scenario_reader.h"
#include "test_support.h"

namespace integrasim::testing {
namespace {

PathwayStep then(const std::string& intervention, int gap_months, int duration_months,
                 double coverage = 1.0) {
  PathwayStep st = step(intervention, gap_months, duration_months);
  st.relative_to_previous = true;
  st.coverage = coverage;
  return st;
}

// The language-vs-company scenario with a family of pathways that extend one another on
// the main track, beside Danish classes, each as a policy arm.
Scenario family_scenario(bool sanctions, double benefit_cut) {
  const Catalogue catalogue = read_catalogue_dir(source_path("scenarios/evidence"));
  Scenario s = read_scenario_file(source_path("scenarios/language_vs_company_first.toml"), catalogue);
  s.persons = 6000;
  s.output.decomposition = true;
  // A local labour market that changes over the spell, and a skilled-job share away
  // from the reference, so that hazards move between schedule events.
  s.labour_market.reference_rate = 0.7;
  s.labour_market.employment_rate = {0.66, 0.66, 0.68, 0.70, 0.72, 0.71, 0.69, 0.74};
  PathwayStep language = step("danish_education", 1, 36, "language");
  PathwayStep internship = step("internship_private", 3, 4);
  internship.coverage = 0.8;
  PathwayStep subsidy = then("wage_subsidy_private", 1, 6, 0.5);
  subsidy.min_danish_level = 0.5;
  const PathwayStep guidance = then("guidance", 0, 3);
  const PathwayStep late_guidance = then("guidance", 2, 6);
  const std::vector<std::pair<std::string, std::vector<PathwayStep>>> family = {
      {"a", {language, internship}},
      {"ab", {language, internship, subsidy}},
      {"abc", {language, internship, subsidy, guidance}},
      {"ac", {language, internship, late_guidance}},
      {"ac_short_language", {step("danish_education", 1, 24, "language"), internship, late_guidance}},
  };
  s.arms.erase(s.arms.begin() + 1, s.arms.end());  // keep the comparator
  for (const auto& [name, steps] : family) {
    Arm arm;
    arm.name = name;
    arm.role = ArmRole::policy;
    arm.rules.sanctions = sanctions;
    // One arm with other benefit rules: neither copied nor continued across them.
    arm.rules.benefit_cut = name == "ac" ? benefit_cut * 1.5 : benefit_cut;
    s.arms.push_back(arm);
    give_pathway(s, name, name, steps);
  }
  return s;
}

// Simulates `m` with and without reuse on 2 threads; the tallies must be bit-identical.
// Returns those with reuse.
Tallies expect_same_tallies_with_reuse(const CompiledModel& m, std::uint64_t seed) {
  SimulationOptions o;
  o.seed = seed;
  o.threads = 2;
  o.reuse_prefixes = false;
  const Tallies full = simulate(m, o);
  o.reuse_prefixes = true;
  Tallies reused = simulate(m, o);
  EXPECT_EQ(full.variant_sums, reused.variant_sums);
  EXPECT_EQ(full.pair_sums, reused.pair_sums);
  EXPECT_EQ(full.participant_sums, reused.participant_sums);
  EXPECT_EQ(full.monthly_diff, reused.monthly_diff);
  EXPECT_EQ(full.first_job_hist, reused.first_job_hist);
  EXPECT_EQ(full.first_job_joint, reused.first_job_joint);
  EXPECT_EQ(full.group_persons, reused.group_persons);
  return reused;
}

void expect_reuse_changes_nothing(const Scenario& s, int expected_links) {
  const Catalogue catalogue = read_catalogue_dir(source_path("scenarios/evidence"));
  const CompiledModel m = compile_model(s, resolve_parameters(catalogue, s));
  expect_same_tallies_with_reuse(m, 2024);
  // The family really is linked (otherwise the comparison above proves nothing).
  const PrefixPlan plan = plan_prefix_reuse(m);
  int linked = 0;
  for (const int p : plan.parent) linked += p >= 0 ? 1 : 0;
  EXPECT_EQ(linked, expected_links);
}

TEST(PrefixReuse, BitIdenticalToFullSimulation) {
  expect_reuse_changes_nothing(family_scenario(false, 0.0), 9);  // ab, abc and ac in A1, A2 and A3
}

TEST(PrefixReuse, BitIdenticalWithSanctionsAndBenefitCut) {
  // ac has a larger benefit cut, so only ab and abc continue (in A1, A2 and A3).
  const Scenario s = family_scenario(true, 0.3);
  expect_reuse_changes_nothing(s, 6);
  // Among the copies compared: anticipation-only variants under sanctions and a benefit
  // cut, copying the rules-only run with the same rules.
  const Catalogue catalogue = read_catalogue_dir(source_path("scenarios/evidence"));
  const CompiledModel m = compile_model(s, resolve_parameters(catalogue, s));
  const PrefixPlan plan = plan_prefix_reuse(m);
  int copies_under_sanctions = 0;
  for (std::size_t v = 0; v < m.variants.size(); ++v) {
    if (plan.inert_source[v] < 0 || !m.variants[v].rules.benefit.sanctions) continue;
    ++copies_under_sanctions;
    EXPECT_EQ(m.variants[static_cast<std::size_t>(plan.inert_source[v])].rules.kind, VariantKind::rules_only);
  }
  EXPECT_GT(copies_under_sanctions, 0);
}

// The longer pathway adds a second Danish course on the language track (its first ends
// at month 13) while the main track has a step that needs Danish level 1.5 and has 2
// months of anticipation (internship_private), decided from the level projected to its
// start. Starting at month 20 it is decided at month 18, after the language track has
// moved on to the added course, where the longer run parts from the saved one: only the
// second course lifts the projection to 1.5 (12 months at 1/12 give level 1, seven more
// months 1.58). Starting
// at month 14 it is decided at month 12, before they part: the projection counts the
// course each track is on, not later ones, so both reject it, with or without reuse.
TEST(PrefixReuse, BitIdenticalWhenAnAddedDanishCourseDecidesAnotherTracksStep) {
  const Catalogue catalogue = read_catalogue_dir(source_path("scenarios/evidence"));
  Scenario s = read_scenario_file(source_path("scenarios/language_vs_company_first.toml"), catalogue);
  s.persons = 6000;
  s.output.decomposition = true;
  s.arms.erase(s.arms.begin() + 1, s.arms.end());  // keep the comparator
  const PathwayStep course = step("danish_education", 1, 12, "language");
  PathwayStep second_course = step("danish_education", 0, 12, "language");
  second_course.relative_to_previous = true;
  for (const int start : {20, 14}) {
    PathwayStep gated = step("internship_private", start, 4);
    gated.min_danish_level = 1.5;
    const std::string at = std::to_string(start);
    const std::vector<std::pair<std::string, std::vector<PathwayStep>>> family = {
        {"one_course_" + at, {gated, course}},
        {"two_courses_" + at, {gated, course, second_course}},
    };
    for (const auto& [name, steps] : family) {
      Arm arm;
      arm.name = name;
      arm.role = ArmRole::policy;
      s.arms.push_back(arm);
      give_pathway(s, name, name, steps);
    }
  }
  expect_reuse_changes_nothing(s, 6);  // each two_courses from its one_course in A1, A2 and A3
  const Results r = run_in_memory(s, catalogue, 2);
  EXPECT_EQ(monthly_share(r, "one_course_20", "all", "internship_private", 21).value, 0.0);
  EXPECT_GT(monthly_share(r, "two_courses_20", "all", "internship_private", 21).value, 0.0);
  EXPECT_EQ(monthly_share(r, "one_course_14", "all", "internship_private", 15).value, 0.0);
  EXPECT_EQ(monthly_share(r, "two_courses_14", "all", "internship_private", 15).value, 0.0);
}

TEST(PrefixReuse, VariantsSimulatedAlikeAreCopied) {
  const Catalogue catalogue = read_catalogue_dir(source_path("scenarios/evidence"));
  // Four of the five family arms share their benefit rules: their rules-only variants
  // (A0) are the same simulation, so three copy the first; "ac" has a larger cut.
  const Scenario with_rules = family_scenario(true, 0.3);
  const CompiledModel m = compile_model(with_rules, resolve_parameters(catalogue, with_rules));
  const PrefixPlan plan = plan_prefix_reuse(m);
  int rules_only = 0;
  int copies = 0;
  for (std::size_t v = 0; v < m.variants.size(); ++v) {
    if (m.variants[v].rules.kind == VariantKind::rules_only) ++rules_only;
    if (plan.copy_of[v] < 0) continue;
    ++copies;
    EXPECT_EQ(m.variants[v].rules.kind, VariantKind::rules_only);
    EXPECT_EQ(plan.parent[v], -1);
  }
  EXPECT_EQ(rules_only, 5);
  EXPECT_EQ(copies, 3);
  // Without benefit rules nothing is simulated alike.
  const Scenario plain = family_scenario(false, 0.0);
  const CompiledModel p = compile_model(plain, resolve_parameters(catalogue, plain));
  for (const int c : plan_prefix_reuse(p).copy_of) EXPECT_EQ(c, -1);
}

// Every field of a variant's rules, changed in turn. The structured bindings stop
// compiling when a field is added, so that a new rule gets its mutation here too.
std::vector<std::function<void(VariantRules&)>> rule_mutations() {
  const auto fields = [](VariantRules & r) -> auto& {
    auto& [kind, benefit, anticipation_on, lock_in_on, post_on] = r;
    return benefit;
  };
  const auto arm_fields = [](ArmRules& r) {
    auto& [sanctions, benefit_cut] = r;
    return std::tie(sanctions, benefit_cut);
  };
  return {
      [](VariantRules& r) {
        r.kind = r.kind == VariantKind::full ? VariantKind::lock_in : VariantKind::full;
      },
      [=](VariantRules& r) { std::get<0>(arm_fields(fields(r))) ^= true; },
      [=](VariantRules& r) { std::get<1>(arm_fields(fields(r))) += 0.125; },
      [](VariantRules& r) { r.anticipation_on = !r.anticipation_on; },
      [](VariantRules& r) { r.lock_in_on = !r.lock_in_on; },
      [](VariantRules& r) { r.post_on = !r.post_on; },
  };
}

TEST(PrefixReuse, ChangingAnyRuleStopsCopyAndContinuation) {
  const Catalogue catalogue = read_catalogue_dir(source_path("scenarios/evidence"));
  const Scenario s = family_scenario(true, 0.3);
  const CompiledModel m = compile_model(s, resolve_parameters(catalogue, s));
  const PrefixPlan plan = plan_prefix_reuse(m);
  // One variant that copies another and one that continues another's run.
  int copy = -1;
  int child = -1;
  for (std::size_t v = 0; v < m.variants.size(); ++v) {
    if (plan.copy_of[v] >= 0 && copy < 0) copy = static_cast<int>(v);
    if (plan.parent[v] >= 0 && child < 0) child = static_cast<int>(v);
  }
  ASSERT_GE(copy, 0);
  ASSERT_GE(child, 0);
  const auto mutations = rule_mutations();
  for (std::size_t i = 0; i < mutations.size(); ++i) {
    for (const int v : {copy, child}) {
      const std::size_t vs = static_cast<std::size_t>(v);
      CompiledModel changed = m;
      mutations[i](changed.variants[vs].rules);
      ASSERT_FALSE(changed.variants[vs].rules == m.variants[vs].rules);
      const PrefixPlan p = plan_prefix_reuse(changed);
      EXPECT_EQ(p.parent[vs], -1) << "mutation " << i << ", variant " << v;
      // The copy is a rules-only variant, which starts no programme step: the switches act
      // on nothing there, and only a change of its benefit rules stops the copy.
      const bool benefit_changed = !(changed.variants[vs].rules.benefit == m.variants[vs].rules.benefit);
      EXPECT_EQ(p.copy_of[vs], v == copy && !benefit_changed ? plan.copy_of[vs] : -1)
          << "mutation " << i << ", variant " << v;
    }
  }
}

// An arm that starts no programme step and has no benefit rules is simulated like N, so
// it copies N's outcome and replays N's monthly intervals into its own table; of the
// decomposition's variants of it, which keep no accounts, one is simulated and the other
// copies it. The tallies are those of simulating every variant.
TEST(PrefixReuse, AnArmWithoutProgrammesCopiesNoInterventionWithItsMonthlyTable) {
  Scenario s = bare_scenario(48, 3000, 11);
  s.frailty.variance = 0.5;
  s.output.decomposition = true;
  give_pathway(s, "policy", "p", {step("course", 2, 6)});  // the comparator has no pathway
  const Catalogue c = constant_hazard_catalogue(0.03, 0.005, 0.002, 0.02, 0.01);
  Scenario copy = s;
  const CompiledModel m = compile_model(copy, resolve_parameters(c, copy));
  const PrefixPlan plan = plan_prefix_reuse(m);
  const int comparator = m.arm_full_variant[static_cast<std::size_t>(m.comparator_arm)];
  EXPECT_EQ(plan.copy_of[static_cast<std::size_t>(comparator)], 0);
  int copies = 0;
  for (std::size_t v = 0; v < m.variants.size(); ++v)
    if (plan.copy_of[v] >= 0) {
      ++copies;
      EXPECT_EQ(m.variants[v].arm, m.comparator_arm) << "variant " << v;
    }
  // The comparator's A3 copies N and its A2 copies its A1 (which keep no accounts, unlike N).
  EXPECT_EQ(copies, 2);
  const Tallies reused = expect_same_tallies_with_reuse(m, 3);
  // The comparator's monthly table is there, and is N's.
  const TallyLayout& l = reused.layout;
  const auto table = [&](int slot) {
    const auto at = reused.monthly_diff.begin() + static_cast<std::ptrdiff_t>(l.monthly(slot, 0, 0, 0));
    return std::vector<std::int64_t>(at, at + static_cast<std::ptrdiff_t>(l.monthly(1, 0, 0, 0)));
  };
  const int n_slot = static_cast<int>(m.arm_names.size()) - 1;
  EXPECT_NE(table(m.comparator_arm), std::vector<std::int64_t>(table(n_slot).size(), 0));
  EXPECT_EQ(table(m.comparator_arm), table(n_slot));
}

// The default scenario with its decomposition: the catalogue's only anticipation effects
// are for men who are job-ready (effects.csv), so each arm's anticipation-only variant (A1)
// copies the run without programmes in every other effect cell.
CompiledModel default_with_decomposition(std::int64_t persons) {
  const Catalogue catalogue = read_catalogue_dir(source_path("scenarios/evidence"));
  Scenario s = read_scenario_file(source_path("scenarios/default.toml"), catalogue);
  s.persons = persons;
  s.output.decomposition = true;
  return compile_model(s, resolve_parameters(catalogue, s));
}

TEST(PrefixReuse, AnticipationOnlyVariantsCopyTheRunWithoutProgrammesWhereNoAnticipationActs) {
  const CompiledModel m = default_with_decomposition(6000);
  const PrefixPlan plan = plan_prefix_reuse(m);
  int anticipation_only = 0;
  for (std::size_t v = 0; v < m.variants.size(); ++v) {
    if (m.variants[v].rules.kind != VariantKind::anticipation) {
      EXPECT_EQ(plan.inert_source[v], -1) << v;
      continue;
    }
    ++anticipation_only;
    const int source = plan.inert_source[v];
    ASSERT_GE(source, 0) << v;
    EXPECT_FALSE(m.variants[static_cast<std::size_t>(source)].rules.runs_programmes());
    for (int cell = 0; cell < k_effect_cell_count; ++cell) {
      const PersonAttributes a = attributes_of_effect_cell(cell);
      const bool acts = a.sex == Sex::male && a.match_group == MatchGroup::job_ready;
      EXPECT_EQ(plan.copies_inert(static_cast<int>(v), cell), !acts) << v << " cell " << cell;
    }
  }
  EXPECT_EQ(anticipation_only, 2);
  // The copies give the tallies of simulating every variant in full, bit for bit.
  expect_same_tallies_with_reuse(m, 2026);
}

// What the copies rest on: an anticipation-only variant whose programmes have no
// anticipation effect runs exactly as the variant without programmes, person by person.
// With every anticipation effect set to zero and every variant simulated in full, each
// arm's A1 has N's sums of the decomposed metrics in every report cell, and every person
// has their first job at the same time in A1 as in N (the outcomes of each person, as the
// engine tallies them; only the arms' first-job histograms are tallied).
TEST(PrefixReuse, AnAnticipationOnlyVariantWithoutAnticipationEffectsRunsAsNoIntervention) {
  CompiledModel m = default_with_decomposition(6000);
  for (CompiledIntervention& iv : m.interventions)
    for (auto& by_destination : iv.log_hr[static_cast<std::size_t>(Phase::anticipation)])
      by_destination.fill(0.0);
  const PrefixPlan plan = plan_prefix_reuse(m);
  for (std::size_t v = 0; v < m.variants.size(); ++v) {
    if (m.variants[v].rules.kind != VariantKind::anticipation) continue;
    for (int cell = 0; cell < k_effect_cell_count; ++cell)
      EXPECT_TRUE(plan.copies_inert(static_cast<int>(v), cell));
  }
  SimulationOptions o;
  o.seed = 7;
  o.threads = 2;
  o.reuse_prefixes = false;
  const TallyLayout layout(m);
  int n = -1;
  for (std::size_t v = 0; v < m.variants.size(); ++v)
    if (m.variants[v].rules.kind == VariantKind::no_intervention) n = static_cast<int>(v);
  ASSERT_GE(n, 0);
  // Per person: whether A1's time to the first job (and whether there is one) is N's in
  // every anticipation-only variant.
  const std::size_t metrics = static_cast<std::size_t>(layout.metrics);
  std::vector<std::uint8_t> same_first_job(static_cast<std::size_t>(m.persons), 0);
  o.person_outcomes = [&](std::uint64_t person, int, const double* x, const double*) {
    bool same = true;
    for (std::size_t v = 0; v < m.variants.size(); ++v) {
      if (m.variants[v].rules.kind != VariantKind::anticipation) continue;
      for (const Metric metric : {Metric::time_to_first_job, Metric::ever_employed}) {
        const std::size_t k = static_cast<std::size_t>(column(metric));
        same = same && x[v * metrics + k] == x[static_cast<std::size_t>(n) * metrics + k];
      }
    }
    same_first_job[person] = same ? 1 : 0;
  };
  const Tallies t = simulate(m, o);
  EXPECT_EQ(std::count(same_first_job.begin(), same_first_job.end(), 1), m.persons);
  int compared = 0;
  for (std::size_t v = 0; v < m.variants.size(); ++v) {
    if (m.variants[v].rules.kind != VariantKind::anticipation) continue;
    const int a1 = static_cast<int>(v);
    for (int g = 0; g < layout.groups; ++g) {
      for (const Metric metric : {Metric::months_on_benefit, Metric::months_employed}) {
        for (int s = 0; s < 3; ++s)
          EXPECT_EQ(t.variant_sums[layout.variant_sum(a1, g, column(metric), s)],
                    t.variant_sums[layout.variant_sum(n, g, column(metric), s)]);
      }
      ++compared;
    }
  }
  EXPECT_GT(compared, 0);
  // The planted counter-check: with the catalogue's anticipation effects A1 is not N, in
  // the sums and for some persons' first jobs.
  const CompiledModel with_effects = default_with_decomposition(6000);
  std::fill(same_first_job.begin(), same_first_job.end(), 0);
  const Tallies u = simulate(with_effects, o);
  EXPECT_LT(std::count(same_first_job.begin(), same_first_job.end(), 1), m.persons);
  const auto employed = [&](int v, int g) {
    return u.variant_sums[layout.variant_sum(v, g, column(Metric::months_employed), 0)];
  };
  bool differs = false;
  for (std::size_t v = 0; v < with_effects.variants.size(); ++v) {
    if (with_effects.variants[v].rules.kind != VariantKind::anticipation) continue;
    for (int g = 0; g < layout.groups; ++g)
      differs = differs || employed(static_cast<int>(v), g) != employed(n, g);
  }
  EXPECT_TRUE(differs);
}

TEST(PrefixReuse, PlanLinksEachVariantToItsLongestPrefix) {
  const Scenario s = family_scenario(false, 0.0);
  const Catalogue catalogue = read_catalogue_dir(source_path("scenarios/evidence"));
  const CompiledModel m = compile_model(s, resolve_parameters(catalogue, s));
  const PrefixPlan plan = plan_prefix_reuse(m);
  const auto full_variant = [&](const std::string& arm) {
    for (std::size_t a = 0; a < m.arm_names.size(); ++a)
      if (m.arm_names[a] == arm) return m.arm_full_variant[a];
    ADD_FAILURE() << "no arm " << arm;
    return -1;
  };
  const auto parent = [&](const std::string& arm) {
    return plan.parent[static_cast<std::size_t>(full_variant(arm))];
  };
  EXPECT_EQ(parent("a"), -1);
  EXPECT_EQ(parent("ab"), full_variant("a"));
  EXPECT_EQ(parent("abc"), full_variant("ab"));  // the longest prefix, not "a"
  EXPECT_EQ(parent("ac"), full_variant("a"));
  EXPECT_EQ(parent("ac_short_language"), -1);  // another language track: not an extension
  EXPECT_EQ(parent("business_as_usual"), -1);
  // "a" is saved where its main track (the second) moves past its one step.
  const PrefixCapture& at = plan.capture[static_cast<std::size_t>(full_variant("a"))];
  EXPECT_EQ(at.track, 1);
  EXPECT_EQ(at.depth, 1);
  // Parents come before their children.
  std::vector<int> position(plan.order.size());
  for (std::size_t i = 0; i < plan.order.size(); ++i)
    position[static_cast<std::size_t>(plan.order[i])] = static_cast<int>(i);
  for (std::size_t v = 0; v < plan.parent.size(); ++v)
    if (plan.parent[v] >= 0) {
      EXPECT_LT(position[static_cast<std::size_t>(plan.parent[v])], position[v]);
    }
  // Without reuse nothing is linked.
  for (const int p : plan_without_reuse(m).parent) EXPECT_EQ(p, -1);
}

CompiledPathway pathway_of(std::vector<std::vector<int>> tracks) {
  CompiledPathway p;
  for (const auto& t : tracks) {
    std::vector<CompiledStep> steps;
    for (const int iv : t) {
      CompiledStep st;
      st.intervention = iv;
      st.key = static_cast<int>(steps.size());
      steps.push_back(st);
    }
    p.tracks.push_back(steps);
  }
  return p;
}

TEST(PrefixReuse, ExtendsPathwayOnlyWhenStepsAreAddedAtTheEndOfOneTrack) {
  int track = -1;
  int depth = -1;
  EXPECT_TRUE(extends_pathway(pathway_of({{7}, {1}}), pathway_of({{7}, {1, 2}}), track, depth));
  EXPECT_EQ(track, 1);
  EXPECT_EQ(depth, 1);
  EXPECT_TRUE(extends_pathway(pathway_of({{1, 2}}), pathway_of({{1, 2, 3, 4}}), track, depth));
  EXPECT_EQ(depth, 2);
  EXPECT_FALSE(extends_pathway(pathway_of({{1}}), pathway_of({{1}}), track, depth));           // equal
  EXPECT_FALSE(extends_pathway(pathway_of({{1, 2}}), pathway_of({{1}}), track, depth));        // shorter
  EXPECT_FALSE(extends_pathway(pathway_of({{1, 3}}), pathway_of({{1, 2, 3}}), track, depth));  // inserted
  EXPECT_FALSE(extends_pathway(pathway_of({{}}), pathway_of({{1}}), track, depth));  // nothing shared
  EXPECT_FALSE(
      extends_pathway(pathway_of({{1}, {5}}), pathway_of({{1, 2}, {5, 6}}), track, depth));   // two tracks
  EXPECT_FALSE(extends_pathway(pathway_of({{1}}), pathway_of({{1, 2}, {5}}), track, depth));  // a new track
  // A step that differs in anything (here its duration) is not shared.
  CompiledPathway longer = pathway_of({{1, 2}});
  longer.tracks[0][0].duration_months = 9;
  EXPECT_FALSE(extends_pathway(pathway_of({{1}}), longer, track, depth));
}

}  // namespace
}  // namespace integrasim::testing
