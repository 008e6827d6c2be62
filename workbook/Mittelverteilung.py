"""Python-Datei zur Arbeitsmappe Mittelverteilung.xlsx für das klassische xlwings-Add-in.

„Run main“ im xlwings-Menüband ruft ``main()`` auf: Die Blätter
„Mittelverteilung <Jahr>“ und „Berechnungsgrundlagen“ werden in der offenen
Mappe neu erzeugt, alles andere bleibt unverändert. Bei fehlerhaften Eingaben
erscheint eine Meldung mit Blatt und Zelle jedes Problems, und nichts wird
geändert. Dieselbe Funktion gibt es für xlwings Server und Lite als Skript
„Amtliche Tabelle erzeugen“ (``xl_funcs.excel.scripts``).

``share()`` und ``collect()`` schreiben die Arbeitsmappen für die 44 Kreise
neben diese Mappe bzw. prüfen deren Rückmeldungen (``xl_funcs.districts.classic``).
"""

import xlwings as xw

from xl_funcs.excel.scripts import publish_in_classic_excel


def main():
    publish_in_classic_excel(xw.Book.caller())


def share():
    """Arbeitsmappen für die 44 Kreise in den Ordner „Kreis-Arbeitsmappen_<Jahr>“ neben dieser Mappe schreiben.

    Dazu die Versandliste (JSON, CSV) und je Regierungsbezirk eine ZIP-Datei;
    das Blatt „Versand an die Kreise“ zeigt die Liste in der Mappe.
    Aufruf aus Excel z. B. über eine Schaltfläche mit
    ``RunPython "import Mittelverteilung; Mittelverteilung.share()"``.
    """
    from xl_funcs.districts.classic import share_in_classic_excel

    share_in_classic_excel(xw.Book.caller())


def collect():
    """Die Rückmeldungen aus dem Ordner „Eingang_Rueckmeldungen_<Jahr>“ neben dieser Mappe prüfen.

    Die Blätter „Rückmeldungen“ (eine Zeile je Kreis) und „Probleme“ (je Datei)
    erscheinen in der Mappe. Aufruf z. B. mit
    ``RunPython "import Mittelverteilung; Mittelverteilung.collect()"``.
    """
    from xl_funcs.districts.classic import collect_in_classic_excel

    collect_in_classic_excel(xw.Book.caller())


def plan_payments():
    """Den Auszahlungsplan in dieser Mappe zeigen: jeder Abschlag der Tabelle „Abschläge“ euro-genau je Kreis.

    Die Blätter „Auszahlungsplan <Jahr>“ und „Zahlungen“ erscheinen in der Mappe (wie das Skript
    „Auszahlungsplan erstellen“ in xlwings Server und Lite). Aufruf z. B. mit
    ``RunPython "import Mittelverteilung; Mittelverteilung.plan_payments()"``.
    """
    from xl_funcs.excel.scripts import plan_payments_in_classic_excel

    plan_payments_in_classic_excel(xw.Book.caller())


def compare():
    """Die Szenarien der Tabelle „Szenarien“ vergleichen: die Blätter „Szenarienvergleich“, „Szenarien je Kreis“
    und „Grundlagen Szenarienvergleich“ erscheinen in der Mappe, sonst ändert sich nichts. Bei fehlerhaften
    Eingaben erscheint eine Meldung mit Blatt und Zelle, und nichts wird geändert. Aufruf z. B. mit
    ``RunPython "import Mittelverteilung; Mittelverteilung.compare()"``.
    """
    from xl_funcs.excel.scripts import compare_in_classic_excel

    compare_in_classic_excel(xw.Book.caller())


if __name__ == "__main__":
    # Zum Ausprobieren außerhalb von Excel: die Mappe öffnen und main() wie aus Excel aufrufen.
    xw.Book("Mittelverteilung.xlsx").set_mock_caller()
    main()

