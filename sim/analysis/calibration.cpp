// Levenberg-Marquardt calibration on a common-random-numbers simulation (docs/model.md §11).
//
// The residual function r(p) simulates every reference scenario with its fixed seed, so
// r is a deterministic function of p: the same persons with the same latent thresholds
// at every evaluation. Event times then move continuously with the hazards, and only the
// persons whose event crosses a month boundary change a reported share; with thousands of
// persons that makes r smooth enough for a Gauss-Newton method once the finite-difference
// step moves enough persons (a 2 % change of a hazard does).
//
// Search variables: u_k = logit((log p_k - log lo_k) / (log hi_k - log lo_k)). The
// Jacobian is taken by forward differences in log p (step h = fd_log_step, backward when
// the forward step would leave the bounds) and mapped to u by the chain rule
// d log p / du = (log hi - log lo) s (1 - s), s = sigmoid(u).
#include "analysis/calibration.h"

#include <Eigen/Dense>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>
#include <utility>

#include "analysis/run_scenario.h"
#include "core/compiled_model.h"
#include "core/diagnostics.h"
#include "core/engine.h"

namespace integrasim {
namespace {

constexpr double k_nan = std::numeric_limits<double>::quiet_NaN();
constexpr double k_max_condition = 1e10;  // J'J beyond this: no standard errors
constexpr double k_max_damping = 1e10;    // give up raising lambda beyond this
constexpr double k_min_damping = 1e-9;
constexpr double k_max_u_step = 2.0;  // largest step in u per iteration (trust cap)
constexpr double k_s_margin = 1e-4;   // start at most this close to a bound (in s)
constexpr double k_at_bound = 1e-3;   // |log p - log bound| below this = at the bound

double sigmoid(double u) {
  return 1.0 / (1.0 + std::exp(-u));
}

std::string describe_parameter(const CalibrationParameter& p) {
  return "calibration parameter '" + p.name + "'";
}

// The parameter transform of one parameter.
struct Transform {
  double log_lo = 0.0;
  double log_hi = 0.0;
  double log_p(double u) const { return log_lo + (log_hi - log_lo) * sigmoid(u); }
  double dlogp_du(double u) const {
    const double s = sigmoid(u);
    return (log_hi - log_lo) * s * (1.0 - s);
  }
  double u_of(double p) const {
    double s = (std::log(p) - log_lo) / (log_hi - log_lo);
    s = std::clamp(s, k_s_margin, 1.0 - k_s_margin);
    return std::log(s / (1.0 - s));
  }
};

std::vector<std::string> split_sources(std::string_view text) {
  std::vector<std::string> out;
  while (!text.empty()) {
    const std::size_t semicolon = text.find(';');
    std::string_view part = text.substr(0, semicolon);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    while (!part.empty() && part.back() == ' ') part.remove_suffix(1);
    if (!part.empty()) out.emplace_back(part);
    if (semicolon == std::string_view::npos) break;
    text.remove_prefix(semicolon + 1);
  }
  return out;
}

// Simulates the reference scenarios at given parameter values.
class Evaluator {
 public:
  Evaluator(const CalibrationProblem& problem, const Catalogue& catalogue, int threads,
            MemoryLimit memory_limit = {})
      : problem_(problem), working_(catalogue), threads_(threads), memory_limit_(std::move(memory_limit)) {
    validate_problem();
    std::map<std::string, CatalogueValue*> by_id;
    for (CatalogueValue* v : working_.all_values_mutable()) by_id.emplace(v->id, v);
    std::set<std::string> used;
    for (const CalibrationParameter& p : problem_.parameters) {
      if (p.kind == CalibrationParameter::Kind::value && p.ids.size() != 1)
        fail_input(p.where, describe_parameter(p) + " ids", std::to_string(p.ids.size()) + " ids",
                   "exactly one id for a parameter of kind value");
      if (p.ids.empty())
        fail_input(p.where, describe_parameter(p) + " ids", "empty", "at least one catalogue id");
      if (!(p.lower > 0.0 && std::isfinite(p.lower)))
        fail_input(p.where, describe_parameter(p) + " lower", format_value(p.lower), "a number above 0");
      if (!(p.upper > p.lower && std::isfinite(p.upper)))
        fail_input(p.where, describe_parameter(p) + " upper", format_value(p.upper),
                   "a finite number above lower (" + format_value(p.lower) + ")");
      std::vector<CatalogueValue*> targets;
      for (const std::string& id : p.ids) {
        const auto found = by_id.find(id);
        if (found == by_id.end()) {
          std::vector<std::string> all;
          for (const auto& [known, value] : by_id) all.push_back(known);
          fail_input_message(p.where, describe_parameter(p) + ": '" + id + "' is not a catalogue id" +
                                          did_you_mean(id, all));
        }
        if (!used.insert(id).second)
          fail_input_message(p.where, describe_parameter(p) + ": catalogue id '" + id +
                                          "' is already fitted by another parameter");
        if (p.kind == CalibrationParameter::Kind::factor && !(found->second->value > 0.0))
          fail_input_message(p.where, describe_parameter(p) + ": catalogue id '" + id + "' has value " +
                                          format_value(found->second->value) +
                                          ", but a factor can only scale values above 0");
        targets.push_back(found->second);
      }
      cells_.push_back(std::move(targets));
      std::vector<double> base;
      for (const CatalogueValue* v : cells_.back()) base.push_back(v->value);
      base_.push_back(std::move(base));
    }
    for (const Scenario& s : problem_.scenarios) {
      for (const ParameterOverride& o : s.overrides)
        if (used.count(o.id) != 0)
          fail_input_message(o.where, "reference scenario '" + s.name + "' overrides '" + o.id +
                                          "', which the calibration fits; remove the override");
      Scenario copy = s;
      if (problem_.settings.persons) copy.persons = *problem_.settings.persons;
      if (problem_.settings.seed) copy.seed = *problem_.settings.seed;
      copy.output.decomposition = false;  // targets read summary metrics only
      scenarios_.push_back(std::move(copy));
    }
  }

  // The start value of each parameter (checked against its bounds).
  std::vector<double> start_values() const {
    std::vector<double> out;
    for (std::size_t k = 0; k < problem_.parameters.size(); ++k) {
      const CalibrationParameter& p = problem_.parameters[k];
      const double start =
          p.start ? *p.start : (p.kind == CalibrationParameter::Kind::factor ? 1.0 : base_[k][0]);
      if (!(start >= p.lower && start <= p.upper))
        fail_input(p.where, describe_parameter(p) + (p.start ? " start" : " start (the catalogue value)"),
                   format_value(start),
                   "within [lower, upper] = [" + format_value(p.lower) + ", " + format_value(p.upper) + "]");
      out.push_back(start);
    }
    return out;
  }

  // Weighted residuals and fit rows at parameter values `values`.
  std::vector<FitRow> evaluate(const std::vector<double>& values) {
    ++evaluations_;
    for (std::size_t k = 0; k < values.size(); ++k) {
      const bool factor = problem_.parameters[k].kind == CalibrationParameter::Kind::factor;
      for (std::size_t j = 0; j < cells_[k].size(); ++j)
        cells_[k][j]->value = factor ? base_[k][j] * values[k] : values[k];
    }
    std::vector<FitRow> rows(problem_.targets.size());
    for (std::size_t s = 0; s < scenarios_.size(); ++s) {
      bool needed = false;
      for (const int t : problem_.target_scenario) needed = needed || t == static_cast<int>(s);
      if (!needed) continue;
      SimulationOptions sim;
      sim.seed = scenarios_[s].seed;
      sim.threads = threads_;
      sim.memory_limit = memory_limit_;
      const RunOutcome run = run_scenario(scenarios_[s], working_, sim);
      for (std::size_t i = 0; i < problem_.targets.size(); ++i) {
        if (problem_.target_scenario[i] != static_cast<int>(s)) continue;
        const Target& target = problem_.targets[i];
        const TargetResult r = evaluate_target(target, run.results);
        if (!std::isfinite(r.simulated.value))
          fail_input_message(SourcePosition{target.file, target.line, 0},
                             "target '" + target.id + "' has no simulated value in reference scenario '" +
                                 scenarios_[s].name +
                                 "' (e.g. a median not reached), so it cannot be fitted");
        FitRow& row = rows[i];
        row.target = target.id;
        row.source = target.source;
        row.scenario = target.scenario;
        row.arm = target.arm;
        row.metric = target.metric;
        row.subgroup = target.subgroup;
        row.comparison = target.comparison;
        row.published = target.published;
        row.tolerance = target.tolerance;
        row.simulated = r.simulated;
        row.residual = r.simulated.value - target.published;
        row.weighted_residual = row.residual / target.tolerance;
        row.within_tolerance = std::abs(row.residual) <= target.tolerance;
      }
    }
    return rows;
  }

  int evaluations() const { return evaluations_; }
  const std::vector<double>& base(std::size_t k) const { return base_[k]; }

 private:
  void validate_problem() const {
    const SourcePosition nowhere{"calibration " + problem_.name, 0, 0};
    if (problem_.parameters.empty()) fail_input_message(nowhere, "no parameters to fit");
    if (problem_.targets.empty()) fail_input_message(nowhere, "no targets to fit");
    if (problem_.target_scenario.size() != problem_.targets.size())
      fail_internal("calibrate: target_scenario does not match targets");
    for (std::size_t i = 0; i < problem_.targets.size(); ++i) {
      const Target& t = problem_.targets[i];
      const int s = problem_.target_scenario[i];
      if (s < 0 || s >= static_cast<int>(problem_.scenarios.size()))
        fail_internal("calibrate: target_scenario out of range");
      if (!(t.tolerance > 0.0 && std::isfinite(t.tolerance)))
        fail_input(SourcePosition{t.file, t.line, 0}, "target '" + t.id + "' tolerance",
                   format_value(t.tolerance), "a number above 0 (residuals are divided by it)");
    }
    const CalibrationSettings& c = problem_.settings;
    if (c.max_iterations < 0) fail_input(nowhere, "max_iterations", std::to_string(c.max_iterations), ">= 0");
    if (!(c.fd_log_step > 0.0 && c.fd_log_step <= 0.5))
      fail_input(nowhere, "fd_log_step", format_value(c.fd_log_step), "a number in (0, 0.5]");
  }

  const CalibrationProblem& problem_;
  Catalogue working_;
  int threads_ = 1;
  MemoryLimit memory_limit_;
  std::vector<std::vector<CatalogueValue*>> cells_;  // per parameter, the rows it sets
  std::vector<std::vector<double>> base_;            // per parameter, their catalogue values
  std::vector<Scenario> scenarios_;
  int evaluations_ = 0;
};

double objective_of(const std::vector<FitRow>& rows) {
  double s = 0.0;
  for (const FitRow& r : rows) s += r.weighted_residual * r.weighted_residual;
  return s;
}

Eigen::VectorXd residual_vector(const std::vector<FitRow>& rows) {
  Eigen::VectorXd r(static_cast<Eigen::Index>(rows.size()));
  for (std::size_t i = 0; i < rows.size(); ++i) r(static_cast<Eigen::Index>(i)) = rows[i].weighted_residual;
  return r;
}

class Fitter {
 public:
  Fitter(const CalibrationProblem& problem, const Catalogue& catalogue, const CalibrationOptions& options)
      : problem_(problem),
        options_(options),
        evaluator_(problem, catalogue, options.threads, options.memory_limit),
        n_(problem.parameters.size()) {
    for (const CalibrationParameter& p : problem_.parameters)
      transforms_.push_back(Transform{std::log(p.lower), std::log(p.upper)});
  }

  CalibrationResult run() {
    CalibrationResult out;
    const std::vector<double> start = evaluator_.start_values();
    Eigen::VectorXd u(static_cast<Eigen::Index>(n_));
    for (std::size_t k = 0; k < n_; ++k) u(idx(k)) = transforms_[k].u_of(start[k]);
    // The start as the search sees it (a start on a bound is moved just inside).
    std::vector<double> p = values_of(u);
    std::vector<FitRow> rows = evaluator_.evaluate(p);
    out.start_fit = rows;
    double objective = objective_of(rows);
    out.start_objective = objective;
    report(0, objective);

    const CalibrationSettings& settings = problem_.settings;
    double damping = settings.initial_damping;
    Eigen::MatrixXd j_logp;  // Jacobian of weighted residuals in log p at u
    bool jacobian_current = false;
    out.stop_reason = "reached max_iterations (" + std::to_string(settings.max_iterations) + ")";
    int iteration = 0;
    while (iteration < settings.max_iterations) {
      if (objective == 0.0) {
        out.converged = true;
        out.stop_reason = "every residual is 0";
        break;
      }
      ++iteration;
      j_logp = jacobian_log_p(u, rows);
      jacobian_current = true;
      const Eigen::MatrixXd j = j_logp * chain_rule(u).asDiagonal();
      const Eigen::VectorXd r = residual_vector(rows);
      const Eigen::MatrixXd a = j.transpose() * j;
      const Eigen::VectorXd g = j.transpose() * r;
      Eigen::VectorXd scale = a.diagonal();
      const double floor = std::max(scale.maxCoeff(), 1e-300) * 1e-9;
      for (Eigen::Index k = 0; k < scale.size(); ++k) scale(k) = std::max(scale(k), floor);

      bool accepted = false;
      bool converged = false;
      while (damping <= k_max_damping) {
        Eigen::MatrixXd m = a;
        m.diagonal() += damping * scale;
        Eigen::VectorXd delta = m.ldlt().solve(-g);
        if (!delta.allFinite()) {
          damping *= 10.0;
          continue;
        }
        const double largest = delta.cwiseAbs().maxCoeff();
        if (largest > k_max_u_step) delta *= k_max_u_step / largest;
        const Eigen::VectorXd trial_u = u + delta;
        const std::vector<double> trial_p = values_of(trial_u);
        std::vector<FitRow> trial_rows = evaluator_.evaluate(trial_p);
        const double trial_objective = objective_of(trial_rows);
        report(iteration, std::min(objective, trial_objective));
        if (trial_objective < objective) {
          double log_step = 0.0;
          for (std::size_t k = 0; k < n_; ++k)
            log_step = std::max(log_step, std::abs(std::log(trial_p[k]) - std::log(p[k])));
          const double drop = (objective - trial_objective) / objective;
          u = trial_u;
          p = trial_p;
          rows = std::move(trial_rows);
          objective = trial_objective;
          jacobian_current = false;
          out.history.push_back({iteration, objective, damping, evaluator_.evaluations()});
          damping = std::max(damping / 10.0, k_min_damping);
          accepted = true;
          if (drop < settings.objective_tolerance) {
            converged = true;
            out.stop_reason = "the objective fell by less than " +
                              format_value(settings.objective_tolerance) + " of its value in the last step";
          } else if (log_step < settings.step_tolerance) {
            converged = true;
            out.stop_reason = "the last step changed every parameter by less than " +
                              format_value(settings.step_tolerance) + " in log";
          }
          break;
        }
        damping *= 10.0;
      }
      if (!accepted) {
        out.history.push_back({iteration, objective, damping, evaluator_.evaluations()});
        converged = true;
        out.stop_reason =
            "no step lowers the objective further (a minimum at the resolution of the simulated cohort)";
      }
      if (converged) {
        out.converged = true;
        break;
      }
    }
    out.iterations = iteration;
    out.objective = objective;
    out.fit = rows;

    // Standard errors from a Jacobian at the solution.
    if (!jacobian_current) j_logp = jacobian_log_p(u, rows);
    standard_errors(j_logp, rows, p, out);
    out.evaluations = evaluator_.evaluations();
    return out;
  }

  const Evaluator& evaluator() const { return evaluator_; }

 private:
  static Eigen::Index idx(std::size_t k) { return static_cast<Eigen::Index>(k); }

  std::vector<double> values_of(const Eigen::VectorXd& u) const {
    std::vector<double> p(n_);
    for (std::size_t k = 0; k < n_; ++k) {
      // exp(log p) can land a hair outside [lower, upper]; clamp so bounds hold exactly.
      const CalibrationParameter& par = problem_.parameters[k];
      p[k] = std::clamp(std::exp(transforms_[k].log_p(u(idx(k)))), par.lower, par.upper);
    }
    return p;
  }

  Eigen::VectorXd chain_rule(const Eigen::VectorXd& u) const {
    Eigen::VectorXd d(static_cast<Eigen::Index>(n_));
    for (std::size_t k = 0; k < n_; ++k) d(idx(k)) = transforms_[k].dlogp_du(u(idx(k)));
    return d;
  }

  // Forward differences in log p with the same seeds (common random numbers).
  Eigen::MatrixXd jacobian_log_p(const Eigen::VectorXd& u, const std::vector<FitRow>& rows) {
    const std::vector<double> p = values_of(u);
    const Eigen::VectorXd r0 = residual_vector(rows);
    Eigen::MatrixXd j(r0.size(), static_cast<Eigen::Index>(n_));
    for (std::size_t k = 0; k < n_; ++k) {
      double h = problem_.settings.fd_log_step;
      if (std::log(p[k]) + h > transforms_[k].log_hi) h = -h;  // stay inside the bounds
      std::vector<double> shifted = p;
      shifted[k] = p[k] * std::exp(h);
      const Eigen::VectorXd r1 = residual_vector(evaluator_.evaluate(shifted));
      j.col(idx(k)) = (r1 - r0) / h;
      report_evaluation();
    }
    return j;
  }

  void standard_errors(const Eigen::MatrixXd& j_logp, const std::vector<FitRow>& rows,
                       const std::vector<double>& p, CalibrationResult& out) const {
    const Eigen::MatrixXd a = j_logp.transpose() * j_logp;
    const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eigen(a);
    const double lo = eigen.eigenvalues().minCoeff();
    const double hi = eigen.eigenvalues().maxCoeff();
    out.condition_number = lo > 0.0 ? hi / lo : std::numeric_limits<double>::infinity();
    out.standard_errors = lo > 0.0 && out.condition_number < k_max_condition;
    Eigen::MatrixXd cov = Eigen::MatrixXd::Constant(a.rows(), a.cols(), k_nan);
    Eigen::MatrixXd cov_mc = cov;
    if (out.standard_errors) {
      cov = a.inverse();
      // Monte Carlo part: residual noise with variance (se_i / tol_i)^2, propagated through
      // the least-squares solution (J'J)^-1 J'.
      Eigen::VectorXd noise(static_cast<Eigen::Index>(rows.size()));
      for (std::size_t i = 0; i < rows.size(); ++i) {
        const double w = rows[i].simulated.se / rows[i].tolerance;
        noise(static_cast<Eigen::Index>(i)) = w * w;
      }
      const Eigen::MatrixXd solve = cov * j_logp.transpose();
      cov_mc = solve * noise.asDiagonal() * solve.transpose();
    }
    for (std::size_t k = 0; k < n_; ++k) {
      const CalibrationParameter& par = problem_.parameters[k];
      FittedParameter f;
      f.name = par.name;
      f.kind = par.kind;
      f.ids = par.ids;
      f.lower = par.lower;
      f.upper = par.upper;
      f.start = out.start_fit.empty() ? 0.0 : start_value(k);
      f.estimate = p[k];
      const double se_log = std::sqrt(cov(idx(k), idx(k)));
      f.se = p[k] * se_log;
      f.se_monte_carlo = p[k] * std::sqrt(cov_mc(idx(k), idx(k)));
      for (std::size_t i = 0; i < rows.size(); ++i)
        if (std::abs(j_logp(static_cast<Eigen::Index>(i), idx(k))) > 0.0) f.targets.push_back(rows[i].target);
      f.at_bound = std::abs(std::log(p[k]) - transforms_[k].log_lo) < k_at_bound ||
                   std::abs(std::log(p[k]) - transforms_[k].log_hi) < k_at_bound;
      out.parameters.push_back(f);
      const std::vector<double>& base = evaluator_.base(k);
      for (std::size_t i = 0; i < par.ids.size(); ++i) {
        FittedValue v;
        v.id = par.ids[i];
        v.previous = base[i];
        v.value = par.kind == CalibrationParameter::Kind::factor ? base[i] * p[k] : p[k];
        v.parameter = par.name;
        v.se = v.value * se_log;
        out.values.push_back(v);
      }
    }
  }

  double start_value(std::size_t k) const {
    const CalibrationParameter& par = problem_.parameters[k];
    if (par.start) return *par.start;
    return par.kind == CalibrationParameter::Kind::factor ? 1.0 : evaluator_.base(k)[0];
  }

  void report(int iteration, double objective) {
    iteration_ = iteration;
    best_ = objective;
    report_evaluation();
  }
  void report_evaluation() const {
    if (options_.progress) options_.progress({iteration_, evaluator_.evaluations(), best_});
  }

  const CalibrationProblem& problem_;
  const CalibrationOptions& options_;
  Evaluator evaluator_;
  std::size_t n_ = 0;
  std::vector<Transform> transforms_;
  int iteration_ = 0;
  double best_ = 0.0;
};

// The input catalogue with the fitted values, marked calibrated, with provenance.
Catalogue calibrated_catalogue(const CalibrationProblem& problem, const Catalogue& catalogue,
                               const CalibrationResult& result) {
  Catalogue out = catalogue;
  std::map<std::string, CatalogueValue*> by_id;
  for (CatalogueValue* v : out.all_values_mutable()) by_id.emplace(v->id, v);
  for (const FittedValue& fitted : result.values) {
    CatalogueValue& v = *by_id.at(fitted.id);
    const FittedParameter& par =
        *std::find_if(result.parameters.begin(), result.parameters.end(),
                      [&](const FittedParameter& f) { return f.name == fitted.parameter; });
    const CalibrationParameter& spec =
        *std::find_if(problem.parameters.begin(), problem.parameters.end(),
                      [&](const CalibrationParameter& p) { return p.name == fitted.parameter; });
    // The evidence's interval applies only when its lower end is below the fitted value.
    const bool evidence_interval = spec.interval_low && *spec.interval_low < fitted.value;
    // The targets this value was fitted to, and their sources.
    std::string target_ids;
    std::vector<std::string> target_sources;
    for (const Target& t : problem.targets) {
      if (std::find(par.targets.begin(), par.targets.end(), t.id) == par.targets.end()) continue;
      if (!target_ids.empty()) target_ids.append("; ");
      target_ids.append(t.id);
      for (std::string& src : split_sources(t.source))
        if (src != "placeholder" &&
            std::find(target_sources.begin(), target_sources.end(), src) == target_sources.end())
          target_sources.push_back(std::move(src));
    }
    if (target_ids.empty()) target_ids = "(none moved with it)";
    std::string note = "Calibrated by 'integrasim calibrate' (";
    note.append(problem.name).append(") to the targets ").append(target_ids).append(": ");
    if (par.kind == CalibrationParameter::Kind::factor)
      note.append("factor '")
          .append(par.name)
          .append("' = ")
          .append(format_value(par.estimate))
          .append(" x ");
    else
      note.append("fitted, was ");
    note.append(format_value(fitted.previous));
    if (std::isfinite(fitted.se)) note.append(", SE ").append(format_value(fitted.se));
    if (par.at_bound) note.append(", AT A BOUND of the search");
    if (spec.interval_low) {
      if (evidence_interval)
        note.append("; PSA interval lognormal from ")
            .append(format_value(*spec.interval_low))
            .append(" [")
            .append(spec.interval_source)
            .append("] to its mirror image on the log scale, ")
            .append(format_value(fitted.value * fitted.value / *spec.interval_low));
      else
        note.append("; the interval's lower end ")
            .append(format_value(*spec.interval_low))
            .append(" [")
            .append(spec.interval_source)
            .append("] is not below the value, so the fit's SE sets the interval");
    }
    // Keep the earlier provenance readable; a placeholder has no source ids to cite.
    note.append(". Before: ").append(name_of(v.status));
    if (v.source != "placeholder") note.append(" [").append(v.source).append("]");
    note.append(" ").append(v.note);

    std::vector<std::string> sources;
    if (v.source != "placeholder") sources = split_sources(v.source);
    if (evidence_interval) target_sources.push_back(spec.interval_source);
    for (const std::string& s : target_sources)
      if (std::find(sources.begin(), sources.end(), s) == sources.end()) sources.push_back(s);
    std::string source;
    for (const std::string& s : sources) {
      if (!source.empty()) source.append(";");
      source.append(s);
    }
    if (source.empty()) source = "placeholder";  // only placeholder targets: still a guess

    v.value = fitted.value;
    v.status = source == "placeholder" ? EvidenceStatus::placeholder : EvidenceStatus::calibrated;
    v.source = source;
    v.note = note;
    if (evidence_interval) {
      v.has_interval = true;
      v.ci_low = *spec.interval_low;
      v.ci_high = fitted.value * fitted.value / *spec.interval_low;
      v.distribution = Distribution::lognormal;
    } else if (std::isfinite(fitted.se) && fitted.value > 0.0) {
      // 95 % interval from the calibration's standard error, lognormal (log p is what
      // the fit works on).
      const double se_log = fitted.se / fitted.value;
      v.has_interval = true;
      v.ci_low = fitted.value * std::exp(-1.96 * se_log);
      v.ci_high = fitted.value * std::exp(1.96 * se_log);
      v.distribution = Distribution::lognormal;
    } else if (v.has_interval && !(v.ci_low <= fitted.value && fitted.value <= v.ci_high)) {
      // The old interval no longer surrounds the value and no new one is known.
      v.has_interval = false;
      v.ci_low = v.ci_high = fitted.value;
      v.distribution = Distribution::fixed;
    } else if (!v.has_interval) {
      v.ci_low = v.ci_high = fitted.value;
    }
  }
  return out;
}

}  // namespace

CalibrationResult calibrate(const CalibrationProblem& problem, const Catalogue& catalogue,
                            const CalibrationOptions& options) {
  Fitter fitter(problem, catalogue, options);
  CalibrationResult result = fitter.run();
  result.calibrated = calibrated_catalogue(problem, catalogue, result);
  return result;
}

std::vector<FitRow> evaluate_calibration_targets(const CalibrationProblem& problem,
                                                 const Catalogue& catalogue,
                                                 const std::vector<double>& parameter_values, int threads) {
  Evaluator evaluator(problem, catalogue, threads);
  if (parameter_values.size() != problem.parameters.size())
    fail_internal("evaluate_calibration_targets: one value per parameter expected");
  return evaluator.evaluate(parameter_values);
}

}  // namespace integrasim
