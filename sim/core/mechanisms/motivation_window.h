// The meetings' motivation window (docs/model.md §5): meetings motivate the newly
// unemployed, not the long-term unemployed, so an intervention's anticipation and
// lock-in effects act only while the spell is younger than its catalogue's
// `effect_until_spell_month` (CompiledIntervention::effect_until_spell_month; 0 = always).
#pragma once

namespace integrasim {

class MotivationWindow {
 public:
  // The month from which the effects stop for a spell anchored at `anchor`; -1 if never.
  static int end_month(int effect_until_spell_month, int anchor) {
    return effect_until_spell_month > 0 ? anchor + effect_until_spell_month : -1;
  }
  // Whether the effects still act at `month`.
  static bool open(int effect_until_spell_month, int month, int anchor) {
    return effect_until_spell_month <= 0 || month - anchor < effect_until_spell_month;
  }
};

}  // namespace integrasim
