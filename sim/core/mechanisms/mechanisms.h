// The list of mechanisms (core/mechanisms/mechanism.h says what one holds): their
// compiled parameters, their run states and their compile steps, in one place. A new
// mechanism adds a member to each struct here, a call to compile_mechanisms, and its
// hook calls in the person simulator (core/person_simulator.cpp).
#pragma once

#include "core/catalogue.h"
#include "core/mechanisms/benefit_cut.h"
#include "core/mechanisms/labour_market.h"
#include "core/mechanisms/municipal_costs.h"
#include "core/mechanisms/placement.h"
#include "core/mechanisms/sanctions.h"
#include "core/scenario.h"

namespace integrasim {

struct CompiledModel;

// The mechanisms' compiled parameters, a member of CompiledModel. (Danish progression
// and the motivation window keep theirs with the covariates and interventions.)
struct MechanismParams {
  BenefitCutResponse benefit_cut;
  SanctionRegime sanction;
  LabourMarketSeries labour_market;  // by calendar month c = 0..H (the cohort arrives at c = 0)
  PlacementRule placement;
  CostRules costs;  // the municipal accounts' rules (prices only; changes no hazard)
};

// The mechanisms' state within a run, a member of RunState (saved with it for prefix
// reuse).
struct MechanismStates {
  SanctionState sanction;
};

// Compiles every mechanism's parameters into `m.mechanisms`, after the baselines, the
// interventions and the arms. A mechanism that acts on a destination marks it in
// `m.destination_has_effects`, one that opens a destination without a baseline hazard in
// `m.destination_reachable`; the skilled-job share changes the job baseline.
void compile_mechanisms(const Scenario& s, const Catalogue& cat, CompiledModel& m);

}  // namespace integrasim
