"""Must-merge / must-not-merge pairs of actor spellings, taken from the source documents.

Written from the documents, not from what the loader returns: each pair names the file and line where
the first spelling stands (`tests/test_actor_identity.py` checks that it does), and says why the two
are or are not one body. Used on the resolver and on the loaded graph of both backends.
"""

F0, F1, F2, F3, F4 = ("000_553a785c04f85bf4.txt", "001_38d43dd55946f7ed.txt", "002_839b33d58696378e.txt",
                      "003_ab1691d4fdb63477.txt", "004_0bee7784f433cdc9.txt")

# (first spelling, role of its field, the other spelling, file, line where the first stands, why). Where the
# line writes a generic form ('Welzijnsschakel' in Boom), the first spelling is the name the curated
# data gives it and the test looks for its first word on the line.
MUST_MERGE = [
    ("Kind & Gezin", "other", "Kind en Gezin", F2, 4001, "'&' for 'en'"),
    ("Departement WVG", "administration", "Departement Welzijn, Volksgezondheid en Gezin", F4, 383, "abbreviation"),
    ("Netwerk tegen armoede", "other", "Netwerk tegen Armoede", F3, 131, "case"),
    ("Vlaams Netwerk van verenigingen waar armen het woord nemen", "people_in_poverty", "Netwerk tegen Armoede", F4, 21177,
     "the Netwerk's former full name"),
    ("VWAWN", "people_in_poverty", "Verenigingen waar armen het woord nemen", F4, 3539, "abbreviation of the member associations"),
    ("Federeatie voor basiseducatie", "other", "Federatie Basiseducatie", F4, 12329, "typo (fuzzy)"),
    ("Afdeling Secundair Onderwijs en Leerlingbegeleiding", "administration",
     "Afdeling Secundair Onderwijs en Leerlingenbegeleiding", F4, 11920, "typo (fuzzy)"),
    ("Duurzame Ontwikkelijking", "administration", "Duurzame Ontwikkeling", F4, 222, "typo (fuzzy)"),
    ("Steunpunt tot bestrijding van armoede, bestaansonzekerheid en sociale uitsluiting", "other",
     "Interfederaal Steunpunt Armoedebestrijding", F4, 232, "the Steunpunt's legal name"),
    ("Interfederaal steunpunt", "other", "Interfederaal Steunpunt Armoedebestrijding", F3, 131, "short form, line broken"),
    ("Sport.Vlaanderen", "administration", "Sport Vlaanderen", F4, 12733, "punctuation"),
    ("Vdab", "other", "VDAB", F4, 734, "case"),
    ("OCMW SH-MECHELEN", "other", "OCMW Mechelen", F2, 687, "OCMW / Sociaal Huis of one place"),
    ("OCMW van Heusden-Zolder", "other", "OCMW Heusden-Zolder", F1, 1760, "'van'"),
    ("OCMW Luik", "other", "OCMW Liège", F2, 7630, "Dutch and French name of one place"),
    ("Jongerenwelzijn", "administration", "Agentschap Jongerenwelzijn", F4, 6224, "short form"),
    ("Koning Boudewijn Stichting", "other", "Koning Boudewijnstichting", F4, 11663, "compound split"),
    ("Centra Algemeen Welzijnswerk", "other", "CAW", F4, 3574, "abbreviation"),
    ("Alle ministers", "cabinet", "Alle kabinetten", F4, 304, "one category: every cabinet"),
    ("Allen", "cabinet", "Alle kabinetten", F4, 1459, "'Allen' in a kabinet field"),
    ("Allen", "administration", "Alle administraties", F4, 1461, "'Allen' in an administratie field"),
    ("regioteam Kind & Gezin", "other", "Regioteam Kind en Gezin", F2, 4001, "'&' for 'en'"),
    ("Kruispuntbank van de Sociale Zekerheid 5KSZ", "other", "Kruispuntbank van de Sociale Zekerheid", F4, 8056,
     "a footnote mark glued on (fuzzy)"),
    ("Het Jeugdonderzoeksplatform JOP", "other", "Jeugdonderzoeksplatform", F4, 15003, "with its abbreviation (fuzzy)"),
    ("Sociaal Huis Houthalen-Helchteren", "other", "OCMW Houthalen-Helchteren", F1, 2073, "the OCMW's Sociaal Huis"),
]

MUST_NOT_MERGE = [
    ("Welzijnsschakel Boom", "other", "Welzijnsschakels", F1, 1447, "a local member is not the national network"),
    ("Welzijnsschakel Lummen", "other", "Welzijnsschakels", F2, 4003, "a local member is not the national network"),
    ("Welzijnsschakel Boom", "other", "Welzijnsschakel Lummen", F1, 1447, "two places"),
    ("CGG Mechelen", "other", "CGG", F1, 2282, "an instance is not its category (the Centrum voor Geestelijke Gezondheidszorg of Mechelen, L2284)"),
    ("Sociale Huizen", "other", "OCMW", F0, 12, "listed side by side: 'de Sociale Huizen en het OCMW'"),
    ("sociale huizen", "other", "OCMW", F0, 115, "the bv. list names them beside 'caw'; not the OCMW"),
    ("Vereniging waar armen het woord nemen Aalst", "other", "Verenigingen waar armen het woord nemen", F1, 1867,
     "the association in Aalst is one of the category"),
    ("Verenigingen waar armen het woord nemen Kempen", "other", "Verenigingen waar armen het woord nemen", F1, 2227,
     "the Kempen associations are some of the category"),
    ("Klimaat", "cabinet", "Kabinet Energie", F4, 18837, "'Energie/Klimaat' names two portfolios"),
    ("Netwerk tegen Armoede", "people_in_poverty", "Verenigingen waar armen het woord nemen", F4, 3539,
     "the network is not its member associations"),
    ("Interfederaal Steunpunt Armoedebestrijding", "other", "Vlaams Armoedesteunpunt", F4, 309, "two steunpunten"),
    ("Kind en Gezin", "administration", "Opgroeien", F3, 423, "predecessor, linked by SUCCEEDED_BY, not merged"),
    ("Samenlevingsopbouw", "other", "SAAMO", F4, 1356, "predecessor, linked by SUCCEEDED_BY, not merged"),
    ("Minderhedenforum", "other", "LEVL", F4, 4508, "predecessor, linked by SUCCEEDED_BY, not merged"),
    ("Federeatie voor basiseducatie", "other", "Centra voor Basiseducatie", F4, 12329, "the federation is not its centres"),
    ("VVH", "other", "Sociale huisvestingsmaatschappijen", F4, 18775, "the federation is not its members"),
    ("Kabinet Welzijn, Volksgezondheid en Gezin", "cabinet", "Departement Welzijn, Volksgezondheid en Gezin", F4, 4981,
     "a cabinet is not the department of its domain"),
    ("OCMW Boom", "other", "OCMW", F1, 1435, "one OCMW is not the category"),
    ("CAW Aalst", "other", "CAW", F1, 2539, "one CAW is not the category"),
    ("Algemeen welzijnswerk", "other", "CAW", F4, 3574, "the sector (AWW) is not its centres (CAW INSTANCE_OF it)"),
    ("LOP Houthalen-Helchteren", "other", "LOP", F1, 2099, "one LOP is not the category"),
    ("teams Kind en Gezin", "other", "Kind en Gezin", F3, 423, "Opgroeien's teams, not the former agency"),
    ("regioteam Kind & Gezin", "other", "Kind en Gezin", F2, 4001, "a regional team is PART_OF the agency"),
    ("Alle kabinetten", "cabinet", "Alle administraties", F4, 452, "cabinets are not administrations"),
    ("Centrum Geestelijke Gezondheidszorg Zuid-Oost-Vlaanderen", "other", "CGG", F1, 2544,
     "one centre is not the category"),
    ("CKG Zonneheuvel", "other", "CKG", F1, 2578, "one centre is not the category"),
    ("Departement Welzijn, Volksgezondheid en Gezin", "administration", "Departement Zorg", F4, 105,
     "predecessor, linked by SUCCEEDED_BY, not merged"),
    ("Agentschap Zorg en Gezondheid", "administration", "Departement Welzijn, Volksgezondheid en Gezin", F4, 19358,
     "an agency is not the department"),
]
