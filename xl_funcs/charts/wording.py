"""The German words of the charts; placeholders in braces are filled from the calculation."""

SHEET_BARS = "Grafiken"
SHEET_MAP = "Kreiskarte"

CHANGE_TITLE = "Veränderung der Mittel {jahr} gegenüber {vorjahr} je Kreis in %"
CHANGE_HEADING = "Veränderung in %"
CHANGE_SORTED = (
    "Balkendiagramm: Veränderung der Mittel {jahr} gegenüber {vorjahr} für jeden der {anzahl} Kreise in Prozent, "
    "absteigend sortiert.",
    "Zunahmen gehen nach rechts (blau), Abnahmen nach links (orange, schraffiert).",
)
COUNTS = "{mehr} Kreise erhalten mehr, {weniger} weniger, {gleich} gleich viel wie im Vorjahr."
LARGEST_GAIN = "Größte Zunahme: {kreis} mit {wert}."
LARGEST_LOSS = "Größte Abnahme: {kreis} mit {wert}."
NO_GAIN = "Kein Kreis erhält mehr als im Vorjahr."
NO_LOSS = "Kein Kreis erhält weniger als im Vorjahr."
LAND_CHANGE = "Landesweit: {wert}."
WITHOUT_PREVIOUS = "Ohne Vorjahresbetrag, daher ohne Veränderung: {kreise}."
GAIN = "Zunahme"
LOSS = "Abnahme"

AMOUNT_TITLE = "Mittel {jahr} je Kreis in €"
AMOUNT_HEADING = "Mittel {jahr} in €"
AMOUNT_SORTED = "Balkendiagramm der Mittel {jahr} für jeden der {anzahl} Kreise in Euro, absteigend sortiert."
AMOUNT_MOST = "Die meisten Mittel erhält {kreis} mit {wert}, die wenigsten {wenigste} mit {wenigste_wert}."
AMOUNT_TOTAL = "Zusammen {wert}."
AMOUNT = "Mittel {jahr}"

MAP_CHANGE_TITLE = "Kreiskarte: Veränderung der Mittel {jahr} gegenüber {vorjahr} in %"
MAP_INTRO = "Kachelkarte Baden-Württembergs: eine Kachel je Stadt- und Landkreis, ungefähr dort, wo der Kreis liegt."
MAP_CHANGE = "Farbe: Veränderung der Mittel {jahr} gegenüber {vorjahr} in Prozent; Zunahmen blau, Abnahmen orange und schraffiert."
MAP_PER_HEAD_TITLE = "Kreiskarte: Mittel {jahr} je Person der Bezugsgröße in €"
MAP_PER_HEAD_HEADING = "Mittel je Person in €"
MAP_PER_HEAD = "Farbe: Mittel {jahr} je Person der Bezugsgröße in Euro; je dunkler, desto mehr."
PER_HEAD_MOST = "Am meisten je Person: {kreis} mit {wert}; am wenigsten: {wenigste} mit {wenigste_wert}."
PER_HEAD_SAME = "Alle Kreise erhalten {wert} je Person."
MAP_TILES = "Jede Kachel zeigt das Kürzel des Kreises (Kfz-Kennzeichen) und den Wert."
MAP_NOTE = "Lage der Kacheln nach dem ungefähren Sitz der Kreisverwaltung; keine Grenzen, kein Maßstab."
NO_VALUE = "ohne Vorjahresbetrag"
NO_REFERENCE = "ohne Bezugsgröße"

# Colour classes of the change in %: s is the class width.
CLASS_GAIN_FIRST = "über 0 bis +{bis} %"
CLASS_GAIN = "über +{von} bis +{bis} %"
CLASS_GAIN_LAST = "über +{von} %"
CLASS_SAME = "±0 %"
CLASS_LOSS_FIRST = "unter 0 bis -{bis} %"
CLASS_LOSS = "unter -{von} bis -{bis} %"
CLASS_LOSS_LAST = "unter -{von} %"
# Classes of an amount: from (inclusive) to below.
CLASS_RANGE = "{von} bis unter {bis}"
CLASS_RANGE_LAST = "{von} bis {bis}"
CLASS_SINGLE = "{von}"

# One variant of a comparison (xl_funcs.scenarios): its charts say which variant they show.
# Titles are one line in the pictures: short words beside a name of any length.
VARIANT_CHANGE_TITLE = "{szenario}: Veränderung {jahr} ggü. {vorjahr} je Kreis in %"
VARIANT_AMOUNT_TITLE = "{szenario}: Mittel {jahr} je Kreis in €"
VARIANT_SENTENCE = "Szenario „{szenario}“."

# The tile map of two variants: the second's amount per Kreis against the first's.
# The names of the two variants go into the sentences: a title is one line, the names may be long.
DIFFERENCE_TITLE = "Kreiskarte: Unterschied der Mittel {jahr} zwischen zwei Szenarien in %"
DIFFERENCE_PAIR = "Verglichen werden „{zweites}“ und „{erstes}“."
DIFFERENCE_HEADING = "Unterschied in %"
DIFFERENCE_COLOUR = (
    "Farbe: Unterschied der Mittel {jahr} je Kreis unter „{zweites}“ gegenüber „{erstes}“ in Prozent der Mittel "
    "unter „{erstes}“; mehr blau, weniger orange und schraffiert."
)
DIFFERENCE_MORE = "Den größten Zuwachs unter „{zweites}“ hat {kreis} mit {wert}."
DIFFERENCE_LESS = "Den größten Verlust unter „{zweites}“ hat {kreis} mit {wert}."
DIFFERENCE_NONE = "Alle Kreise erhalten unter beiden Szenarien gleich viel."
DIFFERENCE_NO_VALUE = "ohne Mittel unter „{erstes}“"
