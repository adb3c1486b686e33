"""The matcher's Spanish (es-US) word tables.

The matcher's stages are the same in every language; what differs is a few
tables of words: negations, fillers, clause breaks, the words around a yes or
a no, the function words a sign guess ignores, what a negation applies to.
The English and Spanish words hardly overlap ("no" means no in both), so each
table is the English one joined with the Spanish one here: an English line
never meets a Spanish word, nor the other way round.

Numbers, durations and dates are read by translating the Spanish words into
the English ones the parsers know ("hace dos semanas": "dos semanas" ->
"two weeks" -> P2W; "el lunes pasado" -> "last monday").

Words are in normalised form: lower case, accents folded ("días" -> "dias").
"""

from __future__ import annotations

from collections.abc import Callable

from skill.core import contract

# ---- normalisation and negation -------------------------------------------------
NEGATIONS = frozenset({"sin", "ni", "nada", "nunca", "jamas", "ningun", "ninguno", "ninguna", "tampoco"})
LEADING_FILLERS = frozenset({"eh", "ehh", "mmm", "pues", "oye", "mira", "ay", "este"})
# "por favor" at the end of a line: both words go.
TRAILING_FILLERS = frozenset({"gracias", "favor", "por"})
CLAUSE_BREAKS = frozenset({"y", "e", "pero", "tambien", "ademas", "entonces", "porque", "pues"})
# What opens a closing verdict ("se mueve bien así que yo diría que no").
VERDICT_LEADS = (("asi", "que"), ("entonces",), ("o", "sea"), ("pero", "yo"), ("pero", "a", "mi"))
# How a line ends when the speaker sets themself apart from what they said ("mi hermano tuvo eso, pero yo no").
SELF_APART = (("pero", "yo", "no"), ("yo", "no"), ("a", "mi", "no"), ("no", "yo"))
# What may follow it ("pero yo no, gracias a dios").
AFTER_SELF_APART = frozenset({"gracias", "a", "dios", "afortunadamente"})
# Words that say a day is when the pain began ("desde el lunes", "me empezó anteayer").
ONSET_WORDS = frozenset({"desde", "empezo", "empece", "comenzo", "inicio", "dio", "agarro", "since"})
QUESTION_WORDS = frozenset({"que", "como", "cuanto", "cuantos", "cuando", "cual", "por", "donde", "debo", "deberia", "necesito", "puedo"})

# ---- said to Alexa, not to the skill ------------------------------------------------
# "Alexa, abre <invocation>", "Alexa, dile a <invocation> que ...": the launch
# phrases before the invocation name, and the words that may join it to a request.
LAUNCH_PHRASES = (
    "abre", "abrir", "inicia", "empieza", "comienza", "lanza", "usa", "habla con", "pide a", "pidele a",
    "pregunta a", "preguntale a", "dile a", "pon",
)  # fmt: skip
INVOCATION_JOINERS = frozenset({"que", "si", "sobre", "y"})

# ---- a yes or a no with words around it ---------------------------------------------
YES_WORDS = frozenset({"si", "sip", "claro", "aja", "exacto", "correcto", "efectivamente", "ey"})
CLEAR_YES = frozenset({"si", "sip"})
# A line's first "no" before a verb negates it ("no siento los pies"); before
# these words it is an answer, with an aside after it ("no, ella va al baño como
# siempre", "no, nomás la espalda"). Clitics ("no la siento") are not among them.
ASIDE_AFTER_NO = frozenset({
    "yo", "tu", "el", "ella", "usted", "ellos", "ellas", "nosotros", "mi", "mis", "nomas", "solo", "nada", "ningun",
    "ninguno", "ninguna", "gracias", "senor", "senora", "pues", "pos", "fijese", "todo", "eso", "tampoco",
})  # fmt: skip
CLEAR_NO = frozenset({"no", "nop", "nel"})
# What a symptom synonym follows when it names an ability ("no puedo" + "caminar derecho").
ABILITY_LEADS = ("no puedo",)
# Everyday yes and no, matched as whole lines.
EVERYDAY_ANSWERS = {
    contract.YES: (
        "ujum",
        "medio que si",
        "andale",
        "andale pues",
        "asi es",
        "pues si",
        "si pues",
        "claro que si",
        "por supuesto",
        "desgraciadamente si",
        "lamentablemente si",
        "por desgracia si",
        "me temo que si",
        "sin duda",
        "eso si",
        "si senor",
        "si senora",
        "si la verdad",
        "sale",
        "orale",
        "simon",
        "ajam",
        "si tengo",
        "si me pasa",
        "si me ha pasado",
        "cierto",
        "asi mero",
        "eso mero",
        "efectivo",
        "desde luego",
        "la verdad que si",
        "si como no",
        "como no",
        "afirmativo",
        "simon que si",
        "eso mismo",
        "exacto",
        "exactamente",
        "dale",
        "dale si",
        "si dale",
        "eso es",
        "asi mismo",
        "tal cual",
        # a una pregunta de dos signos, o de la vejiga y el intestino: sí a cada uno
        "las dos",
        "las dos cosas",
        "los dos",
        "ambas",
        "ambas cosas",
        "ambos",
        "si las dos",
        "si los dos",
        "si ambas",
        "si las dos cosas",
        "de las dos",
        "pues las dos",
    ),
    contract.NO: (
        "que va",
        "no nada de eso",
        "nada de eso",
        "para nada",
        "no para nada",
        "en absoluto",
        "nada",
        "ninguno",
        "ninguna",
        "ninguna de esas",
        "ninguno de esos",
        "no que yo sepa",
        "no que yo haya notado",
        "no he notado nada",
        "no he notado",
        "no no",
        "nel pastel",
        "no tengo",
        "no me pasa",
        "no me ha pasado",
        "no nunca",
        "nunca",
        "tampoco",
        "no tampoco",
        "no senor",
        "no senora",
        "no la verdad",
        "la verdad no",
        "pues no",
        "no pues",
        "ni modo",
        "nada de nada",
        "no para nada",
        "no no tengo",
        "no que va",
        "de ninguna manera",
        "jamas",
        "ni de chiste",
        "ni de broma",
        "ni por asomo",
        "ni de lejos",
        "ni loco",
        "ni loca",
        "ni en suenos",
        "negativo",
        "no podria decir que si",
        "yo diria que no",
        "diria que no",
        "no diria yo",
        "no diria que si",
        "ninguno de los dos",
        "ninguna de las dos",
        "ni lo uno ni lo otro",
        "ni una cosa ni la otra",
        "ni uno ni otro",
        "ni una ni otra",
        "no a las dos",
        "no creo",
        "creo que no",
        "no que yo me haya dado cuenta",
        "nel",
        "gracias a dios no",
        "no gracias a dios",
        "a dios gracias no",
        "fijate que no",
        "no fijate",
    ),
}
NO_WORDS = frozenset({"no", "nop", "nel", "nunca", "ninguno", "ninguna"})
ANSWER_WORDS = frozenset(
    {"creo", "que", "pues", "la", "verdad", "senor", "senora", "un", "poco", "poquito", "eso", "es", "asi", "me",
     "parece", "bueno", "para", "nada", "de", "lo", "tengo", "en", "absoluto", "por", "supuesto", "desgraciadamente",
     "fijese", "mire", "oiga", "desgracia", "bastante", "algo",
     "desafortunadamente", "lamentablemente", "tristemente", "yo", "sepa", "diria", "dijera",
     # who is spoken to ("no mijo") and thanks ("no, gracias a dios")
     "mija", "mijo", "fijate", "ay", "pos", "hombre", "nombre", "gracias", "a", "dios", "ni", "mismo",
     # interjections that only colour a yes or a no ("ay dios mío sí", "ey sí", "ándale sí")
     "mio", "ey", "oye", "uy", "andale", "orale", "bendito", "santo", "virgen", "senito", "don", "dona",
     # a caregiver's echo ("sí, él sí", "mi esposo no") and what only colours it ("no, afortunadamente")
     "el", "ella", "ellos", "ellas", "usted", "mi", "esposo", "esposa", "marido", "mama", "papa", "hijo", "hija",
     "abuelo", "abuela", "afortunadamente", "todavia"}
)  # fmt: skip
# Words around a way of not knowing that leave it a "no sé" ("puede ser, no
# estoy segura"; "la verdad no le sabría decir").
UNSURE_WORDS = frozenset(
    {"quizas", "quiza", "tal", "vez", "puede", "ser", "le", "lo", "decir", "decirle", "bien", "fijado", "seguro",
     "segura", "todavia", "aun", "he", "no", "maybe", "sabria", "se"}
)  # fmt: skip

# ---- the sign guess -----------------------------------------------------------------
STOP_WORDS = frozenset(
    {"yo", "me", "mi", "mis", "el", "la", "los", "las", "un", "una", "unos", "unas", "de", "del", "en", "con", "y",
     "o", "a", "al", "que", "es", "esta", "estoy", "estan", "se", "le", "lo", "muy", "mucho", "mucha", "ya", "tengo",
     "tiene", "tuve", "he", "ha", "han", "como", "por", "para", "este", "esto", "eso", "todo", "toda", "pues", "algo",
     "poco", "cada", "rato", "hoy", "ayer", "anoche", "bien", "bastante", "siento", "ando", "creo", "tan", "su", "sus"}
)  # fmt: skip
# After a negation, things the body should do or have: the line reports their loss.
ABILITIES = frozenset(
    {"siento", "sentir", "siente", "puedo", "puede", "controlo", "controlar", "aguanto", "aguantar", "fuerza",
     "fuerzas", "camino", "caminar", "mover", "muevo", "levantar", "sale", "responden", "responde", "mejora",
     "mejorado", "mejoro", "mejorando", "alivia", "aliviado", "quita", "quitado", "sensibilidad", "sensacion",
     "control", "equilibrio", "balance", "coordinacion", "ayuda", "ayudado", "sirve", "servido", "aguanta", "sostienen", "sostiene"}
)  # fmt: skip
FEEL_WORDS = frozenset({"siento", "senti", "noto", "note"})
FUNCTIONS = frozenset({"fuerza", "fuerzas", "sensibilidad", "equilibrio", "balance", "coordinacion", "control", "sensacion"})
HAVE_WORDS = frozenset({"tengo", "tiene", "tenemos"})
WELL_WORDS = frozenset(
    {"bien", "normal", "bueno", "buena", "mejor", "mejorando", "fuerte", "fuertes", "estable", "perfecto", "perfecta", "perfectamente"}
)  # fmt: skip
LOST = frozenset({"perdi", "perdido", "ido", "fue", "fuera", "mal"})
# Skipped when looking at what a negation applies to.
BETWEEN = frozenset(
    {"me", "se", "le", "lo", "la", "las", "los", "el", "un", "una", "he", "ha", "has", "han", "tengo", "tuve",
     "tenido", "mucho", "mucha", "muy", "mi", "mis", "yo", "es", "estoy", "esta", "de", "del", "hay", "hubo",
     "creo", "que", "tenga", "para", "nada", "ningun", "ninguno", "ninguna", "estado"}
)  # fmt: skip
# Words for what is wrong: a negation in front of one denies it ("no tengo fiebre").
SYMPTOM_WORDS = frozenset(
    {"fiebre", "calentura", "temperatura", "escalofrios", "debil", "debiles", "debilidad", "dormido", "dormida",
     "dormidos", "dormidas", "duerme", "duermen", "durmio", "durmieron", "adormecido", "adormecida",
     "adormecimiento", "entumido", "entumida", "entumecido", "entumecida", "entumecimiento", "hormigueo", "torpe",
     "torpeza", "inestable", "mareo", "mareado", "mareada", "tambaleo", "caigo", "cai", "caida", "caido", "golpe",
     "golpee", "accidente", "choque", "lesion", "lesione", "lastime", "trauma", "dolor", "problema", "problemas",
     "pierdo", "perdi", "perdido", "perdida", "bajado", "baje", "bajando", "peso", "orinado", "orine", "oriné",
     "mojado", "moje", "incontinencia", "peor", "empeora", "cuesta", "dificultad", "fallan", "falla", "doblan",
     "equilibrio", "balance", "coordinacion", "sintomas", "cambiado", "adelgazado", "adelgace"}
)  # fmt: skip


def intensifier(word: str, before: str, after: str, is_symptom_word: Callable[[str], bool]) -> bool:
    """A "well" word that only says how much: "bien" before a sign word means
    "very" ("las piernas bien débiles"); "fuerte" after one, "strong" ("un
    golpe fuerte")."""
    if word == "bien":
        return is_symptom_word(after)
    return word in ("fuerte", "fuertes") and is_symptom_word(before)


# ---- numbers, durations and dates -----------------------------------------------------
_NUMBERS = {
    "cero": "zero", "uno": "one", "una": "a", "un": "a", "dos": "two", "tres": "three", "cuatro": "four",
    "cinco": "five", "seis": "six", "siete": "seven", "ocho": "eight", "nueve": "nine", "diez": "ten",
    "once": "eleven", "doce": "twelve", "trece": "thirteen", "catorce": "fourteen", "quince": "fifteen",
    "dieciseis": "sixteen", "diecisiete": "seventeen", "dieciocho": "eighteen", "diecinueve": "nineteen",
    "veinte": "twenty", "treinta": "thirty", "cuarenta": "forty", "cincuenta": "fifty", "sesenta": "sixty",
    "setenta": "seventy", "ochenta": "eighty", "noventa": "ninety", "cien": "a hundred", "ciento": "a hundred",
}  # fmt: skip
_UNITS = {
    "segundo": "second", "segundos": "seconds", "minuto": "minute", "minutos": "minutes", "hora": "hour",
    "horas": "hours", "dia": "day", "dias": "days", "noche": "night", "noches": "nights", "semana": "week",
    "semanas": "weeks", "mes": "month", "meses": "months", "ano": "year", "anos": "years",
}  # fmt: skip
_ONES = ("", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def english_duration_words(words: list[str]) -> list[str]:
    """Spanish number and time words as the English ones: "dos semanas" ->
    "two weeks", "treinta y seis horas" -> "thirty six hours", "una semana y
    media" -> "a week and a half", "un par de dias" -> "a couple of days",
    "media hora" -> "half an hour". Other words are kept."""
    out: list[str] = []
    i = 0
    while i < len(words):
        word = words[i]
        following = words[i + 1 : i + 3]
        if word.startswith("veinti") and word[6:] in _NUMBERS_BY_ONES:  # "veintidos" -> "twenty two"
            out += ["twenty", _NUMBERS_BY_ONES[word[6:]]]
        elif word == "y" and following[:1] == ["media"]:
            out += ["and", "a", "half"]
            i += 1
        elif word == "y" and out and out[-1] in _ENGLISH_TENS and following[:1] and following[0] in _NUMBERS:
            pass  # "treinta y seis": the tens and the ones, no "and"
        elif word == "y":
            out.append("and")
        elif word in ("medio", "media") and following[:1] and following[0] in _UNITS:
            out += ["half", "a"]
        elif word == "par" and following[:1] == ["de"]:
            out += ["couple", "of"]
            i += 1
        elif (word in ("unos", "unas") and following[:1] == ["pocos"]) or word == "pocos" or word == "pocas":
            out.append("few")
            i += 1 if word in ("unos", "unas") else 0
        elif word == "o":
            out.append("or")
        elif word in _NUMBERS:
            out += _NUMBERS[word].split()
        elif word in _UNITS:
            out.append(_UNITS[word])
        else:
            out.append(word)
        i += 1
    return out


_NUMBERS_BY_ONES = {"uno": "one", "un": "one", "una": "one", "dos": "two", "tres": "three", "cuatro": "four",
                    "cinco": "five", "seis": "six", "siete": "seven", "ocho": "eight", "nueve": "nine"}  # fmt: skip
_ENGLISH_TENS = frozenset({"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"})

WEEKDAYS = {"lunes": "monday", "martes": "tuesday", "miercoles": "wednesday", "jueves": "thursday",
            "viernes": "friday", "sabado": "saturday", "domingo": "sunday"}  # fmt: skip
MONTHS = {"enero": "january", "febrero": "february", "marzo": "march", "abril": "april", "mayo": "may",
          "junio": "june", "julio": "july", "agosto": "august", "septiembre": "september", "setiembre": "september",
          "octubre": "october", "noviembre": "november", "diciembre": "december"}  # fmt: skip
_DATE_PHRASES = {
    "hoy": "today", "esta manana": "this morning", "esta tarde": "this afternoon", "esta noche": "tonight",
    "ayer": "yesterday", "anoche": "last night", "ayer en la manana": "yesterday morning",
    "ayer por la manana": "yesterday morning", "ayer en la tarde": "yesterday afternoon",
    "ayer por la tarde": "yesterday afternoon", "ayer en la noche": "last night", "ayer por la noche": "last night",
    "antier": "day before yesterday", "anteayer": "day before yesterday", "antes de ayer": "day before yesterday",
    "la semana pasada": "last week", "esta semana": "this week", "el fin de semana": "the weekend",
    "el fin de semana pasado": "last weekend", "el mes pasado": "last month", "este mes": "this month",
}  # fmt: skip


def english_date_words(words: list[str]) -> list[str]:
    """A Spanish date as the English words the date parser knows: "ayer" ->
    "yesterday", "el lunes" -> "monday", "el lunes pasado" -> "last monday",
    "el diez de noviembre" -> "november ten". Anything else is kept."""
    phrase = " ".join(words)
    if phrase in _DATE_PHRASES:
        return _DATE_PHRASES[phrase].split()
    rest = words[1:] if words[:1] in (["el"], ["este"]) else words
    if rest[:1] and rest[0] in WEEKDAYS:
        if rest[1:] in (["pasado"], ["antepasado"]):
            return ["last", WEEKDAYS[rest[0]]]
        if not rest[1:]:
            return [WEEKDAYS[rest[0]]]
    if rest[:1] and rest[0] in MONTHS and len(rest) == 1:
        return [MONTHS[rest[0]]]
    if len(rest) >= 3 and rest[-2] == "de" and rest[-1] in MONTHS:  # "el diez de noviembre"
        day = english_duration_words(rest[:-2])
        if all(word not in ("a", "and") for word in day):
            return [MONTHS[rest[-1]], *day]
    return words


# ---- typed digits as said --------------------------------------------------------------
_SAY_NUMBER = {
    0: "cero", 1: "uno", 2: "dos", 3: "tres", 4: "cuatro", 5: "cinco", 6: "seis", 7: "siete", 8: "ocho", 9: "nueve",
    10: "diez", 11: "once", 12: "doce", 13: "trece", 14: "catorce", 15: "quince", 16: "dieciseis",
    17: "diecisiete", 18: "dieciocho", 19: "diecinueve", 20: "veinte", 30: "treinta", 40: "cuarenta",
    50: "cincuenta", 60: "sesenta", 70: "setenta", 80: "ochenta", 90: "noventa",
}  # fmt: skip
_SAID_AS_DIGITS = frozenset({"911", "112"})


def spoken_number(digits: str) -> str:
    """Typed digits as said in Spanish: "911" -> "nueve uno uno", "10" ->
    "diez", "36" -> "treinta y seis". Others are kept as typed."""
    if not digits.isdigit():
        return digits
    if digits in _SAID_AS_DIGITS:
        return " ".join(_SAY_NUMBER[int(d)] for d in digits)
    n = int(digits)
    if n in _SAY_NUMBER:
        return _SAY_NUMBER[n]
    if n < 30:
        return "veinti" + _SAY_NUMBER[n - 20]
    if n < 100:
        return f"{_SAY_NUMBER[n - n % 10]} y {_SAY_NUMBER[n % 10]}"
    return digits
