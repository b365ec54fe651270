"""Word lists the demo signatures are made of (see demo.py). Invented, typed by hand: any
resemblance to a real organization is a coincidence of common words."""

QUALIFIERS = [
    "Community",
    "Grassroots",
    "Independent",
    "Popular",
    "Rural",
    "Urban",
    "Coastal",
    "Youth",
    "Women's",
    "Indigenous",
    "Workers'",
    "Citizens'",
    "Migrant",
    "Students'",
]
CAUSES = [
    "Human Rights",
    "Land Rights",
    "Water Justice",
    "Press Freedom",
    "Climate Action",
    "Legal Aid",
    "Health Equity",
    "Digital Rights",
    "Refugee Support",
    "Fair Trade",
    "Disability Rights",
    "Peacebuilding",
    "Food Sovereignty",
    "Housing Rights",
    "Education",
]
KINDS = [
    "Network",
    "Alliance",
    "Association",
    "Foundation",
    "Coalition",
    "Collective",
    "Centre",
    "Forum",
    "Initiative",
    "Union",
    "Trust",
    "Society",
    "Institute",
    "Platform",
]
PLACES = {
    "Africa": ["Nairobi", "Dakar", "Kampala", "Accra", "Lagos", "Bamako", "Maputo", "Goma"],
    "Americas": ["Lima", "Bogotá", "São Paulo", "Port-au-Prince", "Montréal", "Oaxaca", "Cusco"],
    "Asia": ["Mekong", "Dhaka", "Kathmandu", "Manila", "Beirut", "Almaty", "Jakarta", "Jaffna"],
    "Europe": ["Riga", "Novi Sad", "Lyon", "Barcelona", "Malmö", "Sarajevo", "Łódź", "Cork"],
    "Oceania": ["Suva", "Auckland", "Port Vila", "Apia", "Nukuʻalofa", "Honiara", "Lae"],
}
COUNTRIES_BY_REGION = {
    "Africa": ["KE", "SN", "UG", "GH", "NG", "ML", "MZ", "ZA", "EG", "MA", "CD", "ET"],
    "Americas": ["CO", "BR", "PE", "BO", "HT", "CA", "MX", "AR", "GT", "US", "CL"],
    "Asia": ["BD", "PH", "KH", "NP", "LB", "KZ", "ID", "IN", "JO", "LK", "JP"],
    "Europe": ["FR", "DE", "ES", "PL", "SE", "RS", "IT", "GB", "IE", "RO"],
    "Oceania": ["FJ", "NZ", "WS", "PG", "AU", "VU", "TO", "SB"],
}
# Names by region, one region a line.
FIRST_NAMES = """
Africa: Amina Kwame Achieng Moussa Ngozi Tendai Fatou Yaw Zanele
Americas: Lucía Mateo Camila João Valentina Diego Marie-Ève Tupac
Asia: Rahima Arjun Maria Sokha Layla Aizhan Putri Omar Kenji
Europe: Claire Jonas Marta Aleksandra Sven Milica Giulia Siobhán
Oceania: Mele Tamati Losana Ana Sione Kiri Isikeli Ruby
"""
FAMILY_NAMES = """
Africa: Otieno Diallo Mensah Okafor Moyo Ndiaye Kamau Traoré
Americas: García Silva Quispe Rodríguez Tremblay Mamani Pérez Souza
Asia: Begum Sharma Santos Chea Haddad Nurlanovna Wijaya Khalil
Europe: Martin Schmidt López Kowalska Lindqvist Jovanović Rossi Byrne
Oceania: Vake Ngata Tuilagi Waqa Fifita Parata Kaloumaira Baker
"""


def _by_region(table):
    return dict(line.split(": ") for line in table.strip().splitlines())


# (first names, family names) by region.
PEOPLE = {
    region: (names.split(), _by_region(FAMILY_NAMES)[region].split())
    for region, names in _by_region(FIRST_NAMES).items()
}
