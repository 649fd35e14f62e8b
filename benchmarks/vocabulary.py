"""Words the synthetic registry is made of: names, commodities, places, and where people live.

Only the scale generator uses these. The lists are short on purpose: a million IKM names built
from them repeat the way real ones do ("Kerupuk Barokah" exists in every province), so a broad
search finds thousands of rows and an exact name only a few.
"""

# Kemendagri province code → population in millions (BPS 2024, rounded). IKMs are spread in
# proportion, with more in Java's manufacturing provinces and fewer in Papua.
PROVINCE_POPULATION = {
    "11": 5.5, "12": 15.6, "13": 5.8, "14": 7.0, "15": 3.7, "16": 8.8, "17": 2.1, "18": 9.4,
    "19": 1.5, "21": 2.2, "31": 10.7, "32": 50.3, "33": 37.9, "34": 3.7, "35": 41.8, "36": 12.4,
    "51": 4.4, "52": 5.6, "53": 5.6, "61": 5.6, "62": 2.8, "63": 4.2, "64": 4.0, "65": 0.7,
    "71": 2.7, "72": 3.1, "73": 9.4, "74": 2.8, "75": 1.2, "76": 1.5, "81": 1.9, "82": 1.4,
    "91": 1.0, "92": 0.6, "93": 0.5, "94": 1.4, "95": 1.5, "96": 0.6,
}  # fmt: skip
JAVA = {"31", "32", "33", "34", "35", "36"}
PAPUA = {"91", "92", "93", "94", "95", "96"}
JAVA_FACTOR = 1.5
PAPUA_FACTOR = 0.5

# (commodity as the sentra names it, what its IKMs sell, KBLI 2020 code of the trade)
COMMODITIES = [
    ("Kerupuk", "Kerupuk", "10794"),
    ("Amplang", "Amplang ikan", "10219"),
    ("Kue Tradisional", "Kue basah", "10792"),
    ("Roti dan Kue", "Roti manis", "10710"),
    ("Tahu", "Tahu", "10392"),
    ("Tempe", "Tempe", "10391"),
    ("Kopi Bubuk", "Kopi bubuk", "10761"),
    ("Gula Merah", "Gula aren", "10722"),
    ("Kecap", "Kecap manis", "10771"),
    ("Makanan Olahan", "Abon", "10750"),
    ("Sari Buah", "Sirup buah", "10330"),
    ("Batik", "Kain batik", "13134"),
    ("Tenun", "Kain tenun", "13121"),
    ("Tenun Ikat", "Kain tenun ikat", "13122"),
    ("Bordir", "Mukena bordir", "14302"),
    ("Konveksi", "Kemeja", "14111"),
    ("Alas Kaki", "Sandal", "15201"),
    ("Kerajinan Kulit", "Tas kulit", "15121"),
    ("Anyaman Rotan", "Keranjang rotan", "16291"),
    ("Anyaman Purun", "Tikar purun", "16292"),
    ("Ukiran Kayu", "Ukiran kayu", "16293"),
    ("Mebel Kayu", "Kursi kayu", "31001"),
    ("Gerabah", "Gerabah hias", "23932"),
    ("Batu Bata", "Batu bata", "23921"),
    ("Pandai Besi", "Parang", "25931"),
    ("Sabun", "Sabun cair", "20231"),
    ("Permata", "Cincin batu", "32111"),
    ("Mainan", "Mainan kayu", "32401"),
]

NAME_PREFIXES = ["", "", "", "UD ", "CV ", "Rumah ", "Industri ", "Usaha ", "Dapur "]
NAME_WORDS = [
    "Jaya", "Makmur", "Sejahtera", "Barokah", "Mandiri", "Sentosa", "Abadi", "Lestari",
    "Berkah", "Sumber Rejeki", "Maju", "Sari", "Indah", "Mulia", "Rahayu", "Utama", "Family",
    "Bersaudara", "Karya", "Putri", "Sakinah", "Amanah", "Harapan", "Bunda", "Cahaya",
    "Mekar", "Tunas", "Bintang", "Nusantara", "Pelangi",
]  # fmt: skip

# (first name, gender as registry.constants.Gender)
FIRST_NAMES = [
    ("Siti", "P"), ("Nur", "P"), ("Sri", "P"), ("Dewi", "P"), ("Rina", "P"), ("Wati", "P"),
    ("Yuliani", "P"), ("Fitri", "P"), ("Aisyah", "P"), ("Rahmah", "P"), ("Ningsih", "P"),
    ("Lestari", "P"), ("Halimah", "P"), ("Maria", "P"), ("Ketut", "P"), ("Made", "P"),
    ("Putu", "P"), ("Rosmini", "P"), ("Jamilah", "P"), ("Hasanah", "P"), ("Evi", "P"),
    ("Indah", "P"), ("Nurul", "P"), ("Ratna", "P"), ("Ahmad", "L"), ("Muhammad", "L"),
    ("Budi", "L"), ("Agus", "L"), ("Bambang", "L"), ("Joko", "L"), ("Hendra", "L"),
    ("Rudi", "L"), ("Slamet", "L"), ("Wayan", "L"), ("Andi", "L"), ("Yusuf", "L"),
    ("Hasan", "L"), ("Rahmat", "L"), ("Darmawan", "L"), ("Supriyadi", "L"), ("Teguh", "L"),
    ("Iwan", "L"), ("Dedi", "L"), ("Arif", "L"), ("Fajar", "L"), ("Ilham", "L"),
    ("Syahrani", "L"), ("Gusti", "L"),
]  # fmt: skip
LAST_NAMES = [
    "Hidayat", "Santoso", "Wijaya", "Saputra", "Nasution", "Siregar", "Lubis", "Harahap",
    "Pratama", "Kurniawan", "Setiawan", "Susanti", "Rahmawati", "Purnomo", "Hakim", "Syahputra",
    "Gunawan", "Suryadi", "Wibowo", "Simanjuntak", "Tanjung", "Daulay", "Rangkuti", "Pane",
    "Manurung", "Anwar", "Hamzah", "Ramadhan", "Fauzi", "Noor", "Arsyad", "Basri",
]  # fmt: skip

STREETS = [
    "Jl. Merdeka", "Jl. Sudirman", "Jl. Ahmad Yani", "Jl. Diponegoro", "Jl. Pahlawan",
    "Jl. Veteran", "Jl. Kartini", "Jl. Gatot Subroto", "Jl. Pattimura", "Jl. Imam Bonjol",
    "Gg. Mawar", "Gg. Melati", "Jl. Pasar Lama", "Jl. Kampung Baru", "Jl. Sungai Baru",
]  # fmt: skip

# Made-up districts and villages for the regions whose real ones are not shipped (the reference
# data holds villages for South Kalimantan only).
PLACE_NAMES = [
    "Sukamaju", "Sukajadi", "Mekarsari", "Sindangsari", "Margahayu", "Karanganyar",
    "Sidomulyo", "Sumbersari", "Tanjungsari", "Wonosari", "Kedungrejo", "Sukamulya",
    "Tegalsari", "Purwodadi", "Suka Damai", "Harapan Jaya", "Banjarsari", "Cempaka",
    "Sungai Raya", "Bukit Indah",
]  # fmt: skip
DISTRICTS_PER_CITY = 4
VILLAGES_PER_DISTRICT = 5
