"""The article's signs composed from a finding and the sites and side said
with it: loss of feeling x one side = ONE_SIDED_NUMBNESS, x a limb =
LIMB_NUMBNESS; loss of control x bladder = BLADDER_BOWEL_CONTROL, x a limb
= MUSCLE_WEAKNESS; loose x clothes = WEIGHT_LOSS; not flowing x urine = URINATION_DIFFICULTY; a fall said more than once = loss of balance;
every other event = SIGNIFICANT_TRAUMA."""

from __future__ import annotations

from collections.abc import Mapping

from skill.core.rules import Symptom

# A measurement ("temperature", "termómetro"): a fever, unless the line gives a normal reading of it.
MEASURED = "MEASURED"
# The label's end of a normal reading ("ninety eight", "treinta y seis"): "NORMAL:FEVER:READING".
READING = ":READING"
# Findings that mean the same sign wherever they are.
PLAIN: Mapping[str, Symptom] = {
    "WEAK": Symptom.MUSCLE_WEAKNESS,
    "GIVING_WAY": Symptom.MUSCLE_WEAKNESS,
    "INCONTINENCE": Symptom.BLADDER_BOWEL_CONTROL,
    "UNSTEADY": Symptom.BALANCE_COORDINATION,
    "CLUMSY": Symptom.BALANCE_COORDINATION,
    "RETENTION": Symptom.URINATION_DIFFICULTY,
    "CANT_SIT_STAND": Symptom.CANNOT_SIT_OR_STAND,
    Symptom.FEVER.name: Symptom.FEVER,  # the finding is named after its sign
    Symptom.WEIGHT_LOSS.name: Symptom.WEIGHT_LOSS,
    "NO_IMPROVEMENT": Symptom.NOT_IMPROVING,
    MEASURED: Symptom.FEVER,
}
SENSORY = frozenset({"NUMB", "TINGLING"})
# The organs ("bladder") and what goes with them ("pee", "the bathroom"):
# both make a finding about control; only an organ said to be fine is a denial.
_BLADDER_SITES = frozenset({"BLADDER", "TOILET", "VOIDING"})
# Clothes said to be loose or falling off: weight lost, not a weak limb ("la ropa me queda floja").
_CLOTHES = "CLOTHES"
# An accident said with where it happened ("an accident in", "un accidente del"): a loss of control at the
# toilet, in bed or a garment; an injury elsewhere. Said alone, it is no sign of its own (no model synonym).
ACCIDENT_AT = "ACCIDENT_AT"
# An accident said alone: an injury, unless an organ or voiding is said with it ("a bowel accident", "a pee
# accident"); a bed or garment said without "in" is where it happened ("an accident getting out of bed").
_ACCIDENT = "EVENT:ACCIDENT"
_ORGAN_SITES = frozenset({"BLADDER", "VOIDING"})
# What won't come, or comes only with effort ("no quiere salir", "takes forever"): of urine, trouble starting.
_NOT_FLOWING = "NOT_FLOWING"
# A fall said more than once ("se cayó dos veces hoy"): loss of balance.
_REPEATED = "REPEATED"


def compose(finding: str, sites: frozenset[str], one_side: bool) -> Symptom | None:
    """The sign a finding makes with the sites and side said in its clause:
    loss of feeling x one side = ONE_SIDED_NUMBNESS, x bladder or bowel =
    BLADDER_BOWEL_CONTROL, x a limb (or nowhere said) = LIMB_NUMBNESS; loss
    of control x bladder = BLADDER_BOWEL_CONTROL, x a limb = MUSCLE_WEAKNESS;
    loose or weak x clothes = WEIGHT_LOSS; not flowing x urine =
    URINATION_DIFFICULTY; a fall said more than once =
    BALANCE_COORDINATION; an accident at the toilet or of the bladder =
    BLADDER_BOWEL_CONTROL;
    every other event = SIGNIFICANT_TRAUMA."""
    if finding in SENSORY:
        if one_side:
            return Symptom.ONE_SIDED_NUMBNESS
        if sites & _BLADDER_SITES and "LIMB" not in sites:
            return Symptom.BLADDER_BOWEL_CONTROL
        return Symptom.LIMB_NUMBNESS
    if finding == "CONTROL_LOSS":
        if sites & _BLADDER_SITES:
            return Symptom.BLADDER_BOWEL_CONTROL
        return Symptom.MUSCLE_WEAKNESS if "LIMB" in sites else None
    if finding in ("LOOSE", "WEAK") and _CLOTHES in sites and "LIMB" not in sites:
        return Symptom.WEIGHT_LOSS
    if finding == "SOILING":  # "he messed his britches", "wet the sheets"; "messed up my back" is no sign
        return Symptom.BLADDER_BOWEL_CONTROL if "TOILET" in sites else None
    if finding == _NOT_FLOWING:  # "la orina no quiere salir", "pushing before i can tinkle"; "no me baja la fiebre" is no retention
        return Symptom.URINATION_DIFFICULTY if "VOIDING" in sites else None
    if finding == "LOOSE" and "TOILET" in sites:  # "my pants are hanging off me"
        return Symptom.WEIGHT_LOSS
    if finding == "LOOSE":  # loose, baggy: of clothes only ("my back feels looser" is no sign)
        return Symptom.MUSCLE_WEAKNESS if "LIMB" in sites else None
    if finding == "EVENT:FALL" and _REPEATED in sites:  # "fell twice today": falling over, not one injury
        return Symptom.BALANCE_COORDINATION
    if finding in (ACCIDENT_AT, _ACCIDENT):  # "tuve un accidente del baño", "a bladder accident"; not "en el trabajo"
        where = _BLADDER_SITES if finding == ACCIDENT_AT else _ORGAN_SITES  # not "an accident getting out of bed"
        return Symptom.BLADDER_BOWEL_CONTROL if sites & where else Symptom.SIGNIFICANT_TRAUMA
    if finding.startswith("EVENT:"):
        return Symptom.SIGNIFICANT_TRAUMA
    if finding.startswith("NORMAL:"):
        return Symptom(finding.split(":")[1])
    return PLAIN.get(finding)
