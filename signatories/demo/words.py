"""What the demo signatures are made of (see generate.py): for each country, the language its
organizations are named in and some of its cities; for each language, how an organization's
name is put together and the names of contact people. Invented, typed by hand: any
resemblance to a real organization is a coincidence of common words.

A word in a script other than Latin or Cyrillic is written "native|romanized": the site shows
the native name, and its website is made from the romanized one (Latin and Cyrillic are
transliterated by names.py)."""

# code: (UN region, language, cities). The cities are written as the language's name pattern
# uses them (Polish ones as adjectives: "Łódzka Fundacja...").
COUNTRIES = {
    "KE": ("Africa", "en", ["Nairobi", "Kisumu", "Mombasa"]),
    "GH": ("Africa", "en", ["Accra", "Kumasi", "Tamale"]),
    "NG": ("Africa", "en", ["Lagos", "Kano", "Enugu"]),
    "UG": ("Africa", "en", ["Kampala", "Gulu", "Mbarara"]),
    "ZA": ("Africa", "en", ["Durban", "Cape Town", "Polokwane"]),
    "ET": ("Africa", "en", ["Addis Ababa", "Bahir Dar", "Hawassa"]),
    "TZ": ("Africa", "sw", ["Arusha", "Mwanza", "Dodoma"]),
    "SN": ("Africa", "fr", ["Dakar", "Thiès", "Ziguinchor"]),
    "ML": ("Africa", "fr", ["Bamako", "Mopti", "Sikasso"]),
    "CD": ("Africa", "fr", ["Goma", "Bukavu", "Kinshasa"]),
    "MZ": ("Africa", "pt", ["Maputo", "Beira", "Nampula"]),
    "EG": ("Africa", "ar", ["القاهرة|al-qahira", "الإسكندرية|al-iskandariya", "أسيوط|asyut"]),
    "MA": ("Africa", "ar", ["الرباط|al-ribat", "فاس|fas", "مراكش|marrakesh"]),
    "US": ("Americas", "en", ["Detroit", "Oakland", "Albuquerque"]),
    "CA": ("Americas", "en", ["Winnipeg", "Halifax", "Saskatoon"]),
    "HT": ("Americas", "fr", ["Port-au-Prince", "Cap-Haïtien", "Jacmel"]),
    "BR": ("Americas", "pt", ["São Paulo", "Belém", "Recife"]),
    "CO": ("Americas", "es", ["Bogotá", "Medellín", "Cali"]),
    "PE": ("Americas", "es", ["Cusco", "Arequipa", "Puno"]),
    "BO": ("Americas", "es", ["La Paz", "Cochabamba", "Sucre"]),
    "MX": ("Americas", "es", ["Oaxaca", "Guadalajara", "Mérida"]),
    "AR": ("Americas", "es", ["Rosario", "Córdoba", "Neuquén"]),
    "GT": ("Americas", "es", ["Quetzaltenango", "Cobán", "Huehuetenango"]),
    "CL": ("Americas", "es", ["Valparaíso", "Temuco", "Concepción"]),
    "JP": ("Asia", "ja", ["大阪|osaka", "札幌|sapporo", "福岡|fukuoka"]),
    "IN": ("Asia", "hi", ["पटना|patna", "लखनऊ|lucknow", "पुणे|pune"]),
    "BD": ("Asia", "en", ["Dhaka", "Khulna", "Sylhet"]),
    "NP": ("Asia", "en", ["Kathmandu", "Pokhara", "Biratnagar"]),
    "LK": ("Asia", "en", ["Jaffna", "Kandy", "Batticaloa"]),
    "KH": ("Asia", "en", ["Phnom Penh", "Battambang", "Siem Reap"]),
    "PH": ("Asia", "en", ["Davao", "Cebu", "Iloilo"]),
    "ID": ("Asia", "id", ["Makassar", "Yogyakarta", "Medan"]),
    "LB": ("Asia", "ar", ["بيروت|beirut", "طرابلس|trablus", "صيدا|saida"]),
    "JO": ("Asia", "ar", ["عمّان|amman", "إربد|irbid", "الزرقاء|al-zarqa"]),
    "KZ": ("Asia", "ru", ["Алматы", "Шымкент", "Караганда"]),
    "FR": ("Europe", "fr", ["Lyon", "Marseille", "Lille"]),
    "DE": ("Europe", "de", ["Leipzig", "Köln", "Göttingen"]),
    "ES": ("Europe", "es", ["Sevilla", "Zaragoza", "Valencia"]),
    "PL": ("Europe", "pl", ["Łódzka", "Krakowska", "Gdańska", "Wrocławska"]),
    "SE": ("Europe", "sv", ["Malmö", "Göteborg", "Umeå"]),
    "RS": ("Europe", "sr", ["Нови Сад", "Ниш", "Крагујевац"]),
    "IT": ("Europe", "it", ["Napoli", "Torino", "Bologna"]),
    "RO": ("Europe", "ro", ["Cluj", "Iași", "Timișoara"]),
    "GB": ("Europe", "en", ["Leeds", "Glasgow", "Cardiff"]),
    "IE": ("Europe", "en", ["Cork", "Galway", "Limerick"]),
    "AU": ("Oceania", "en", ["Darwin", "Hobart", "Townsville"]),
    "NZ": ("Oceania", "en", ["Dunedin", "Rotorua", "Whanganui"]),
    "FJ": ("Oceania", "en", ["Suva", "Lautoka", "Labasa"]),
    "PG": ("Oceania", "en", ["Lae", "Goroka", "Madang"]),
    "WS": ("Oceania", "en", ["Apia", "Salelologa"]),
    "SB": ("Oceania", "en", ["Honiara", "Auki", "Gizo"]),
    "VU": ("Oceania", "fr", ["Port-Vila", "Luganville"]),
}

# language: (name patterns, kinds of organization, causes). A pattern names {kind}, {cause}
# and {city}; "native|romanized" where the romanized name is written differently.
LANGUAGES = {
    "en": (
        ["{city} {cause} {kind}", "{cause} {kind} of {city}"],
        [
            "Network",
            "Alliance",
            "Association",
            "Foundation",
            "Coalition",
            "Centre",
            "Forum",
            "Trust",
            "Collective",
        ],
        [
            "Human Rights",
            "Legal Aid",
            "Land Rights",
            "Press Freedom",
            "Climate Justice",
            "Health Equity",
            "Disability Rights",
            "Refugee Support",
            "Women's Rights",
        ],
    ),
    "fr": (
        ["{kind} {cause} de {city}"],
        ["Collectif", "Association", "Ligue", "Réseau", "Comité", "Observatoire"],
        [
            "pour les droits humains",
            "pour l'accès à la justice",
            "pour la liberté de la presse",
            "pour la justice climatique",
            "des femmes juristes",
            "pour le droit à la terre",
        ],
    ),
    "es": (
        ["{kind} {cause} de {city}"],
        ["Colectivo", "Asociación", "Red", "Fundación", "Observatorio", "Comité"],
        [
            "de Derechos Humanos",
            "por la Libertad de Prensa",
            "de Mujeres Defensoras",
            "por la Justicia Climática",
            "de Apoyo a Migrantes",
            "por el Derecho a la Tierra",
        ],
    ),
    "pt": (
        ["{kind} {cause} de {city}"],
        ["Associação", "Rede", "Instituto", "Coletivo", "Fundação", "Observatório"],
        [
            "de Direitos Humanos",
            "pela Justiça Climática",
            "de Mulheres Defensoras",
            "de Apoio a Migrantes",
            "pelo Direito à Terra",
            "pela Liberdade de Imprensa",
        ],
    ),
    "de": (
        ["{kind} für {cause} {city}"],
        ["Netzwerk", "Bündnis", "Verein", "Initiative", "Stiftung"],
        [
            "Menschenrechte",
            "Pressefreiheit",
            "Klimagerechtigkeit",
            "Geflüchtetenhilfe",
            "Rechtshilfe",
        ],
    ),
    "pl": (
        ["{city} {kind} {cause}"],
        ["Fundacja", "Sieć", "Inicjatywa", "Koalicja"],
        ["Praw Człowieka", "Pomocy Prawnej", "Wolności Prasy", "Sprawiedliwości Klimatycznej"],
    ),
    "sv": (
        ["{kind} för {cause} i {city}"],
        ["Föreningen", "Nätverket", "Stiftelsen", "Kollektivet"],
        ["mänskliga rättigheter", "pressfrihet", "klimaträttvisa", "flyktingars rättigheter"],
    ),
    "it": (
        ["{kind} per {cause} di {city}"],
        ["Associazione", "Rete", "Comitato", "Osservatorio", "Fondazione"],
        [
            "i Diritti Umani",
            "la Libertà di Stampa",
            "la Giustizia Climatica",
            "i Diritti dei Migranti",
        ],
    ),
    "ro": (
        ["{kind} pentru {cause} {city}"],
        ["Asociația", "Rețeaua", "Fundația", "Centrul"],
        ["Drepturile Omului", "Libertatea Presei", "Justiție Climatică", "Sprijinul Refugiaților"],
    ),
    "sr": (
        ["{kind} за {cause} {city}"],
        ["Мрежа", "Удружење", "Фондација", "Центар", "Иницијатива"],
        ["људска права", "слободу медија", "климатску правду", "правну помоћ"],
    ),
    "ru": (
        ["{kind} {cause} {city}"],
        ["Фонд", "Центр", "Сеть", "Альянс"],
        [
            "правовой помощи",
            "защиты прав человека",
            "свободы слова",
            "экологической справедливости",
        ],
    ),
    "sw": (
        ["{kind} {cause} {city}"],
        ["Chama cha", "Mtandao wa", "Kituo cha", "Jukwaa la", "Taasisi ya"],
        [
            "Haki za Binadamu",
            "Msaada wa Kisheria",
            "Haki za Wanawake",
            "Haki ya Ardhi",
            "Uhuru wa Habari",
        ],
    ),
    "id": (
        ["{kind} {cause} {city}"],
        ["Yayasan", "Lembaga", "Jaringan", "Perkumpulan", "Koalisi"],
        [
            "Bantuan Hukum",
            "Hak Asasi Manusia",
            "Keadilan Iklim",
            "Kebebasan Pers",
            "Perlindungan Perempuan",
        ],
    ),
    "ar": (
        ["{kind} {cause} في {city}|{kind} {cause} fi {city}"],
        ["جمعية|jamiyat", "شبكة|shabakat", "مركز|markaz", "مؤسسة|muassasat", "ملتقى|multaqa"],
        [
            "حقوق الإنسان|huquq al-insan",
            "المساعدة القانونية|al-musaada al-qanuniya",
            "حرية الصحافة|hurriyat al-sahafa",
            "العدالة المناخية|al-adala al-munakhiya",
            "دعم اللاجئين|dam al-lajiin",
        ],
    ),
    "ja": (
        ["{city}{cause}{kind}|{city} {cause} {kind}"],
        [
            "ネットワーク|network",
            "協会|kyokai",
            "センター|center",
            "基金|kikin",
            "フォーラム|forum",
        ],
        [
            "人権|jinken",
            "報道の自由|hodo no jiyu",
            "気候正義|kiko seigi",
            "難民支援|nanmin shien",
            "法律扶助|horitsu fujo",
        ],
    ),
    "hi": (
        ["{cause} {kind} {city}"],
        ["मंच|manch", "संगठन|sangathan", "संस्थान|sansthan", "परिषद|parishad"],
        [
            "मानवाधिकार|manavadhikar",
            "कानूनी सहायता|kanuni sahayata",
            "महिला अधिकार|mahila adhikar",
            "जलवायु न्याय|jalvayu nyay",
        ],
    ),
}

# Contact people, by the language the organization is named in: (first names, family names).
# Contact names are never public; the email's local part is made from them.
PEOPLE = {
    # English is spoken on every continent: its people by region ("en-Africa").
    "en-Africa": (
        "Amina Kwame Achieng Ngozi Tendai Abebe Chipo",
        "Otieno Mensah Okafor Moyo Kamau Tesfaye",
    ),
    "en-Americas": ("Maya Jamal Rosa Tyler Nadia", "Begay Johnson Morales Thompson Cardinal"),
    "en-Asia": ("Rahima Arjun Maria Sokha Tashi Nimal", "Begum Sharma Santos Chea Gurung Perera"),
    "en-Europe": ("Siobhán Claire Aled Fiona Owen", "Byrne Murphy Jones MacLeod Evans"),
    "en-Oceania": (
        "Mele Tamati Losana Kiri Isikeli Ruby",
        "Ngata Parata Waqa Tuilagi Fifita Baker",
    ),
    "fr": (
        "Fatou Moussa Awa Claire Jean-Baptiste Mariam Kalala Nadège",
        "Diallo Ndiaye Traoré Martin Kabila Sow Joseph Mukendi",
    ),
    "es": (
        "Lucía Mateo Camila Valentina Diego Tupac Rosa Andrés",
        "García Quispe Rodríguez Mamani Pérez Huanca López Castillo",
    ),
    "pt": ("João Ana Beatriz Tomás Luísa Celso", "Silva Souza Machava Ferreira Cossa Lima"),
    "de": ("Jonas Lena Jürgen Anke Özlem", "Schmidt Müller Weiß Becker Yılmaz"),
    "pl": ("Aleksandra Paweł Zofia Łukasz", "Kowalska Nowak Wiśniewski Zając"),
    "sv": ("Sven Åsa Linnea Oskar", "Lindqvist Berg Åberg Nyström"),
    "it": ("Giulia Marco Chiara Luca", "Rossi Esposito Bianchi Greco"),
    "ro": ("Ioana Mihai Ana Ștefan", "Popescu Ionescu Dumitrescu Stan"),
    "sr": ("Милица Марко Јована Никола", "Јовановић Петровић Николић Илић"),
    "ru": ("Айжан Ерлан Дина Тимур", "Нурланова Сейткали Ахметова Жумабаев"),
    "sw": ("Neema Baraka Rehema Juma", "Mushi Mollel Kimaro Swai"),
    "id": ("Putri Budi Sari Agus", "Wijaya Siregar Hasibuan Pratama"),
    "ar": (
        "ليلى|layla عمر|omar رنا|rana يوسف|youssef",
        "حداد|haddad خليل|khalil منصور|mansour الخطيب|al-khatib",
    ),
    "ja": (
        "花子|hanako 健|ken 由美|yumi 大輔|daisuke",
        "佐藤|sato 鈴木|suzuki 高橋|takahashi 田中|tanaka",
    ),
    "hi": (
        "प्रिया|priya राहुल|rahul सुनीता|sunita अमित|amit",
        "शर्मा|sharma वर्मा|verma यादव|yadav सिंह|singh",
    ),
}

# The site's languages: signers of any other write in English.
SIGNER_LANGUAGE = {"fr": "fr", "es": "es", "ar": "ar"}
