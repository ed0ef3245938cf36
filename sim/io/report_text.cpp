#include "io/report_text.h"

#include <array>
#include <utility>

namespace integrasim {

namespace {

const ReportText k_danish = {
    .title = "Resultater",
    .what_simulated = "Hvad blev simuleret",
    .headline = "Hovedtal pr. forløb",
    .effects = "Effekt i forhold til sammenligningsforløbet",
    .employment_curves = "Andel i beskæftigelse måned for måned",
    .state_shares = "Hvor personerne er måned for måned",
    .decomposition = "Hvor effekten på beskæftigelsen kommer fra",
    .costs = "Udgifter pr. person",
    .subgroups = "Hvad virker for hvem",
    .calendar = "Sagsstamme måned for måned",
    .budget = "Kommunens nettoudgift pr. år",
    .draws = "Usikkerhed om parametrene",
    .scenario = "Scenarie",
    .description = "Beskrivelse",
    .persons = "Simulerede personer",
    .horizon = "Tidshorisont",
    .months = "måneder",
    .seed = "Startværdi (seed)",
    .version = "integrasim-version",
    .arms = "Forløb",
    .arm = "Forløb",
    .subgroup = "Gruppe",
    .difference = "Forskel",
    .mc_interval = "95 %-interval (simulering)",
    .draws_interval = "95 %-interval over parametertræk",
    .prob_better = "Sandsynlighed for at være bedre",
    .se_note =
        "Alle tal er gennemsnit pr. person over tidshorisonten. ± angiver simuleringens "
        "standardfejl (Monte Carlo), som bliver mindre, jo flere personer der simuleres.",
    .effects_note =
        "Forskellen er forløbet minus sammenligningsforløbet for de samme personer med de "
        "samme tilfældige tal, med parret standardfejl. Intervallet er forskellen ± 1,96 "
        "standardfejl; det viser kun simuleringsstøj, ikke usikkerheden i evidensen.",
    .curves_note =
        "Andel af alle personer, der er i ordinær beskæftigelse ved udgangen af måneden. Det "
        "skraverede bånd er 95 %-intervallet (± 1,96 standardfejl).",
    .shares_note =
        "Andel af alle personer i hver tilstand ved udgangen af måneden: på ydelse (også "
        "under tilbud), i beskæftigelse, i uddannelse, uden ydelse eller udvandret, på pension "
        "eller død.",
    .decomposition_note =
        "Effekten på måneder i beskæftigelse pr. person i forhold til ingen indsats, delt "
        "op i motivationseffekt (før tilbuddet), fastholdelseseffekt (under tilbuddet) og "
        "programeffekt (efter tilbuddet). Nettoeffekten er fastholdelses- plus "
        "programeffekt.",
    .costs_note =
        "Kroner pr. person over tidshorisonten. Kommunens nettoudgift er ydelse og tilbud "
        "fratrukket statens refusion, resultattilskud og grundtilskud. Stregerne er 95 "
        "%-intervaller.",
    .subgroups_note =
        "Forskel i måneder i beskæftigelse pr. person i forhold til sammenligningsforløbet, "
        "for hver gruppe, med 95 %-interval.",
    .calendar_note =
        "Reelle personer på ydelse i hver kalendermåned af planen, og personer på "
        "venteliste til et tilbud med begrænsede pladser (stiplet).",
    .budget_note = "Kommunens nettoudgift for de reelle personer i hvert kalenderår af planen, i kroner.",
    .draws_note =
        "Fordelingen af forskellen i måneder i beskæftigelse pr. person over parametertrækkene: "
        "hvor sikker effekten er, når evidensen selv er usikker.",
    .month_axis = "Måned",
    .year_axis = "År af planen",
    .year = "År",
    .million = "mio.",
    .share_axis = "Andel",
    .dkk_axis = "Kroner",
    .real_persons_axis = "Personer",
    .months_axis = "Måneder pr. person",
    .draws_axis = "Antal træk",
    .on_benefit = "på ydelse",
    .queued = "på venteliste",
    .municipal_net_cost_year = "kommunens nettoudgift",
    .generated_by = "Lavet af integrasim",
    .sensitivity_title = "Følsomhedsanalyse",
    .tornado = "Hvilke antagelser betyder mest (tornado)",
    .voi = "Værdien af bedre viden (VOI)",
    .tornado_note =
        "Hver parameter sat til den lave og den høje ende af sit 95 %-interval, alle andre "
        "til deres punktværdi, med de samme personer og tilfældige tal. Målet er forløbet "
        "minus sammenligningsforløbet; den lodrette kant er værdien ved punktværdierne. "
        "Parametrene med størst udsving står øverst.",
    .voi_note =
        "Forventet værdi af perfekt information (EVPI) i alt og for hver gruppe og parameter "
        "(EVPPI), i målets enhed pr. person: hvor meget en bedre beslutning kan forventes at "
        "give, hvis usikkerheden om parameteren blev fjernet. Anslået fra parametertrækkene.",
    .decision_metric = "Beslutningsmål",
    .parameter_draws = "Parametertræk",
    .simulations = "Simuleringer",
    .parameter = "Parameter",
    .low_value = "Lav værdi",
    .high_value = "Høj værdi",
    .at_low = "Ved lav værdi",
    .at_high = "Ved høj værdi",
    .swing = "Udsving",
    .per_person = "Pr. person",
    .per_cohort = "For kohorten",
    .share_of_evpi = "Andel af EVPI",
};

const ReportText k_english = {
    .title = "Results",
    .what_simulated = "What was simulated",
    .headline = "Headline numbers per arm",
    .effects = "Effect against the comparator",
    .employment_curves = "Share employed, month by month",
    .state_shares = "Where the persons are, month by month",
    .decomposition = "Where the effect on employment comes from",
    .costs = "Costs per person",
    .subgroups = "What works for whom",
    .calendar = "Caseload month by month",
    .budget = "Municipal net cost per year",
    .draws = "Uncertainty about the parameters",
    .scenario = "Scenario",
    .description = "Description",
    .persons = "Simulated persons",
    .horizon = "Horizon",
    .months = "months",
    .seed = "Seed",
    .version = "integrasim version",
    .arms = "Arms",
    .arm = "Arm",
    .subgroup = "Subgroup",
    .difference = "Difference",
    .mc_interval = "95 % interval (simulation)",
    .draws_interval = "95 % interval over parameter draws",
    .prob_better = "Probability of being better",
    .se_note =
        "All numbers are means per person over the horizon. ± gives the Monte Carlo standard "
        "error of the simulation, which shrinks as more persons are simulated.",
    .effects_note =
        "The difference is the arm minus the comparator for the same persons with the same "
        "random numbers, with paired standard error. The interval is the difference ± 1.96 "
        "standard errors; it shows simulation noise only, not the uncertainty of the evidence.",
    .curves_note =
        "Share of all persons in ordinary work at the end of the month. The shaded band is the "
        "95 % interval (± 1.96 standard errors).",
    .shares_note =
        "Share of all persons in each state at the end of the month: on benefit (programmes "
        "included), employed, in education, off benefit, or left (emigration, pension, death).",
    .decomposition_note =
        "The effect on months employed per person against no intervention, split into the "
        "anticipation effect (before the programme), the lock-in effect (during it) and the "
        "post-programme effect (after it). The net effect is lock-in plus post-programme.",
    .costs_note =
        "DKK per person over the horizon. The municipal net cost is benefit and programmes less "
        "the state's reimbursement, result grants and basic grant. Whiskers are 95 % intervals.",
    .subgroups_note =
        "Difference in months employed per person against the comparator, for each subgroup, "
        "with 95 % interval.",
    .calendar_note =
        "Real persons on benefit in each calendar month of the plan, and persons queued for a "
        "programme with limited places (dashed).",
    .budget_note =
        "The municipality's net cost for the real persons in each calendar year of the plan, in DKK.",
    .draws_note =
        "The distribution of the difference in months employed per person over the parameter "
        "draws: how sure the effect is when the evidence itself is uncertain.",
    .month_axis = "Month",
    .year_axis = "Year of the plan",
    .year = "Year",
    .million = "m",
    .share_axis = "Share",
    .dkk_axis = "DKK",
    .real_persons_axis = "Persons",
    .months_axis = "Months per person",
    .draws_axis = "Draws",
    .on_benefit = "on benefit",
    .queued = "queued",
    .municipal_net_cost_year = "municipal net cost",
    .generated_by = "Made by integrasim",
    .sensitivity_title = "Sensitivity analysis",
    .tornado = "Which assumptions matter most (tornado)",
    .voi = "Value of information (VOI)",
    .tornado_note =
        "Each parameter set to the low and the high end of its 95 % interval, all others at "
        "their point values, with the same persons and random numbers. The metric is the arm "
        "minus the comparator; the vertical edge is its value at the point values. The "
        "parameters with the largest swing are on top.",
    .voi_note =
        "Expected value of perfect information (EVPI) in all, and for each group and parameter "
        "(EVPPI), in the metric's unit per person: how much a better decision could be expected to "
        "gain if the uncertainty about it were removed. Estimated from the parameter draws.",
    .decision_metric = "Decision metric",
    .parameter_draws = "Parameter draws",
    .simulations = "Simulations",
    .parameter = "Parameter",
    .low_value = "Low value",
    .high_value = "High value",
    .at_low = "At the low value",
    .at_high = "At the high value",
    .swing = "Swing",
    .per_person = "Per person",
    .per_cohort = "For the cohort",
    .share_of_evpi = "Share of EVPI",
};

struct Label {
  std::string_view key;
  std::string_view da;
  std::string_view en;
};

// Danish names follow the README's glossary (kontanthjælp/integrationsydelse, virksomhedspraktik,
// løntilskud, ...).
constexpr std::array k_metric_labels = {
    Label{"months_on_benefit", "Måneder på ydelse", "Months on benefit"},
    Label{"months_employed", "Måneder i beskæftigelse", "Months employed"},
    Label{"months_education", "Måneder i uddannelse", "Months in education"},
    Label{"months_self_support", "Måneder selvforsørget", "Months self-supported"},
    Label{"cost_programmes_dkk", "Tilbud", "Programmes"},
    Label{"cost_benefit_dkk", "Ydelse", "Benefit"},
    Label{"cost_public_gross_dkk", "Offentlig bruttoudgift", "Public gross cost"},
    Label{"cost_reimbursement_dkk", "Statens refusion", "State reimbursement"},
    Label{"cost_municipal_net_dkk", "Kommunens nettoudgift (kr.)", "Municipal net cost (DKK)"},
};

constexpr std::array k_state_labels = {
    Label{"benefit", "På ydelse", "On benefit"},
    Label{"employed", "I beskæftigelse", "Employed"},
    Label{"education", "I uddannelse", "In education"},
    Label{"off_benefit", "Uden ydelse", "Off benefit"},
    Label{"exit", "Udvandret, pension, død", "Left (emigration, pension, death)"},
    Label{"danish_education", "Danskuddannelse", "Danish education"},
    Label{"guidance", "Vejledning og opkvalificering", "Guidance and upskilling"},
    Label{"upskilling", "Opkvalificering", "Upskilling"},
    Label{"sector_upskilling", "Brancherettet opkvalificering", "Sector-targeted upskilling"},
    Label{"internship_private", "Virksomhedspraktik, privat", "Company internship, private"},
    Label{"internship_public", "Virksomhedspraktik, offentlig", "Company internship, public"},
    Label{"wage_subsidy_private", "Løntilskud, privat", "Wage subsidy, private"},
    Label{"wage_subsidy_public", "Løntilskud, offentlig", "Wage subsidy, public"},
    Label{"education_activation", "Uddannelsesaktivering", "Education activation"},
    Label{"health_clarification", "Helbredsafklaring", "Health clarification"},
    Label{"igu", "IGU (integrationsgrunduddannelse)", "IGU (basic integration training)"},
    Label{"meetings", "Jobsamtaler", "Caseworker meetings"},
};

constexpr std::array k_subgroup_labels = {
    Label{"all", "Alle", "All"},
    Label{"male", "Mænd", "Men"},
    Label{"female", "Kvinder", "Women"},
    Label{"refugee", "Flygtninge", "Refugees"},
    Label{"family_reunified", "Familiesammenførte", "Family-reunified"},
    Label{"other_immigrant", "Andre indvandrere", "Other immigrants"},
    Label{"job_ready", "Jobparate", "Job-ready"},
    Label{"activity_ready", "Aktivitetsparate", "Activity-ready"},
    Label{"healthy", "Uden helbredsproblemer", "Healthy"},
    Label{"health_problems", "Med helbredsproblemer", "With health problems"},
};

constexpr std::array k_component_labels = {
    Label{"benefit_rules", "Ydelsesregler", "Benefit rules"},
    Label{"anticipation", "Motivationseffekt", "Anticipation"},
    Label{"lock_in", "Fastholdelseseffekt", "Lock-in"},
    Label{"post_programme", "Programeffekt", "Post-programme"},
    Label{"net", "Nettoeffekt", "Net effect"},
    Label{"total", "I alt", "Total"},
};

constexpr std::array k_role_labels = {
    Label{"comparator", "sammenligningsgrundlag", "comparator"},
    Label{"policy", "forslag", "policy"},
    Label{"other", "andet", "other"},
    Label{"no_intervention", "ingen indsats", "no intervention"},
};

constexpr std::array k_unit_labels = {
    Label{"months per person", "måneder pr. person", "months per person"},
    Label{"DKK per person", "kr. pr. person", "DKK per person"},
    Label{"share", "andel", "share"},
    Label{"months", "måneder", "months"},
};

template <std::size_t N>
std::string look_up(const std::array<Label, N>& labels, ReportLanguage language, const std::string& key) {
  for (const Label& label : labels)
    if (label.key == key) return std::string(language == ReportLanguage::da ? label.da : label.en);
  return key;
}

}  // namespace

bool parse_report_language(std::string_view text, ReportLanguage& language) {
  if (text == "da") {
    language = ReportLanguage::da;
    return true;
  }
  if (text == "en") {
    language = ReportLanguage::en;
    return true;
  }
  return false;
}

std::string_view language_code(ReportLanguage language) {
  return language == ReportLanguage::da ? "da" : "en";
}

const ReportText& report_text(ReportLanguage language) {
  return language == ReportLanguage::da ? k_danish : k_english;
}

std::string metric_label(ReportLanguage language, const std::string& metric) {
  const std::string rate = "employment_rate_m";
  if (metric.compare(0, rate.size(), rate) == 0) {
    std::string label =
        language == ReportLanguage::da ? "Andel i beskæftigelse, måned " : "Share employed, month ";
    label += metric.substr(rate.size());
    return label;
  }
  return look_up(k_metric_labels, language, metric);
}

std::string state_label(ReportLanguage language, const std::string& state) {
  return look_up(k_state_labels, language, state);
}

std::string subgroup_label(ReportLanguage language, const std::string& subgroup) {
  return look_up(k_subgroup_labels, language, subgroup);
}

std::string component_label(ReportLanguage language, const std::string& component) {
  return look_up(k_component_labels, language, component);
}

std::string unit_label(ReportLanguage language, const std::string& unit) {
  return look_up(k_unit_labels, language, unit);
}

std::string role_label(ReportLanguage language, const std::string& role) {
  return look_up(k_role_labels, language, role);
}

}  // namespace integrasim
