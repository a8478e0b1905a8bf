package synth

// Name parts for the people and firms the generator invents. Every part is
// made up or common enough to belong to nobody in particular; put together
// they must not spell the name of a real person or company on purpose.

// culture is a naming tradition: how given and family names are built and
// in which order English-language wires print them.
type culture struct {
	male, female []string
	family       []string
	// familyHeads and familyTails, when set, build family names from two
	// parts ("Whit" + "field") for a larger space of distinct names.
	familyHeads, familyTails []string
	// givenHeads and givenTails do the same for given names ("Wen" +
	// "jun"); gender then comes from the index.
	givenHeads, givenTails []string
	// familyFirst prints the family name first ("Li Wenjun").
	familyFirst bool
	// syllables, when set, builds given names of two hyphenated syllables
	// ("Seo-yeon") instead of taking them from male and female.
	syllables []string
	// feminine is added to the family name of women ("Sokolova").
	feminine string
}

var cultures = map[string]*culture{
	"en": {
		male:        []string{"James", "Michael", "David", "Robert", "Daniel", "Thomas", "Andrew", "Brian", "Kevin", "Peter", "Mark", "Steven", "Gregory", "Neil", "Owen"},
		female:      []string{"Sarah", "Emily", "Laura", "Karen", "Rachel", "Megan", "Julia", "Claire", "Hannah", "Alison", "Fiona", "Natalie", "Diane", "Ruth", "Molly"},
		familyHeads: []string{"Whit", "Ash", "Carl", "Hart", "Brad", "Fair", "Hol", "Lang", "Pres", "Thorn", "Wes", "Kings", "Red", "Stan", "Elm", "Row", "Brook", "Cran", "Dun", "Gren", "Pen", "Mar", "Hal", "Brent"},
		familyTails: []string{"field", "ford", "ton", "ley", "wood", "well", "more", "worth", "croft", "ridge", "shaw", "wick", "dale", "by"},
	},
	"zh": {
		givenHeads:  []string{"Wen", "Jian", "Zhi", "Guo", "Jun", "Zhen", "Hao", "Ming", "Jia", "Wei", "Hai", "Xiu", "Mei", "Yu", "Xiao", "Yan", "Rui", "Shu", "Qing", "Xin", "Chen", "Lan", "Ting", "Yong", "Bin", "Hui", "Jing", "Feng", "Zi", "Ya"},
		givenTails:  []string{"jun", "guo", "qiang", "qing", "jie", "yu", "ran", "yuan", "hao", "dong", "yan", "hua", "ying", "ling", "han", "ping", "xi", "min", "lan", "ting", "bo", "kai", "peng", "xin", "fei", "rong", "wen", "zhi", "yi", "tao"},
		family:      []string{"Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Xu", "Sun", "Zhu", "Guo", "Gao", "Lin", "Luo", "Song", "Zheng", "Xie", "Tang", "Feng", "Deng", "Cao"},
		familyFirst: true,
	},
	"tw": {
		syllables:   []string{"Chia", "Wen", "Yu", "Chih", "Mei", "Kuo", "Shu", "Tsung", "Ya", "Chun", "Hsin", "Ming", "Pei", "Yi", "Chien", "Hui"},
		family:      []string{"Chen", "Lin", "Huang", "Chang", "Lee", "Wang", "Wu", "Liu", "Tsai", "Yang", "Hsu", "Cheng", "Hsieh", "Kuo", "Lai", "Chou"},
		familyFirst: true,
	},
	"ko": {
		syllables:   []string{"Seo", "Ji", "Min", "Hye", "Jae", "Young", "Soo", "Eun", "Hyun", "Dong", "Sung", "Woo", "Jin", "Ha", "Yeon", "Joon", "Kyung", "Tae", "Hee", "Na"},
		family:      []string{"Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon", "Jang", "Lim", "Han", "Oh", "Seo", "Shin", "Kwon", "Hwang", "Ahn", "Song", "Yoo", "Baek"},
		familyFirst: true,
	},
	"ja": {
		male:        []string{"Hiroshi", "Takeshi", "Kenji", "Naoki", "Daisuke", "Koji", "Masato", "Ryo", "Yusuke", "Shinji", "Kazuo", "Tatsuya", "Makoto", "Haruto", "Satoshi"},
		female:      []string{"Yuko", "Akiko", "Haruka", "Emi", "Sayaka", "Tomoko", "Kaori", "Aya", "Mika", "Naomi", "Keiko", "Rie", "Yui", "Misaki", "Chihiro"},
		familyHeads: []string{"Yama", "Naka", "Ta", "Ki", "Ishi", "Mori", "Fuji", "Matsu", "Hashi", "Iwa", "Taka", "Kawa", "Hon", "Oga", "Kuro", "Shira", "Haya", "Sugi", "Nishi", "Kita"},
		familyTails: []string{"moto", "mura", "naka", "da", "kawa", "shita", "yama", "hara", "saki", "ta", "zawa", "no"},
	},
	"de": {
		male:        []string{"Stefan", "Jürgen", "Matthias", "Tobias", "Florian", "Markus", "Jens", "Lars", "Henrik", "Volker", "Uwe", "Dirk"},
		female:      []string{"Katrin", "Anja", "Sabine", "Petra", "Ulrike", "Birgit", "Heike", "Silke", "Franziska", "Annette", "Kerstin", "Dörte"},
		familyHeads: []string{"Hof", "Brand", "Lind", "Rich", "Schäf", "Zimmer", "Krüg", "Neu", "Wink", "Bau", "Hüb", "Stein", "Berg", "Rosen", "Fisch", "Wald", "Kess", "Dorn", "Lang", "Eich"},
		familyTails: []string{"mann", "er", "ner", "hardt", "bach", "berg", "feld", "inger", "hoff"},
	},
	"nl": {
		male:   []string{"Pieter", "Joost", "Sander", "Bram", "Ruud", "Maarten", "Wouter", "Jeroen", "Thijs", "Koen"},
		female: []string{"Anouk", "Marieke", "Femke", "Lotte", "Ilse", "Sanne", "Eline", "Mieke", "Noor", "Floor"},
		family: []string{"de Vries", "van Dijk", "de Jong", "Bakker", "Visser", "Smit", "Meijer", "Mulder", "Dekker", "van Leeuwen", "Brouwer", "de Graaf", "Kuipers", "Hendriks"},
	},
	"fr": {
		male:   []string{"Julien", "Mathieu", "Nicolas", "Antoine", "Laurent", "Olivier", "Thierry", "Guillaume", "Étienne", "Rémi"},
		female: []string{"Camille", "Élodie", "Sophie", "Céline", "Isabelle", "Amélie", "Margaux", "Chloé", "Nathalie", "Hélène"},
		family: []string{"Moreau", "Lefèvre", "Girard", "Bonnet", "Dupont", "Lambert", "Fontaine", "Rousseau", "Chevalier", "Mercier", "Gauthier", "Perrin", "Marchand", "Barbier"},
	},
	"in": {
		male:   []string{"Arjun", "Rohan", "Vikram", "Rahul", "Sanjay", "Anil", "Karan", "Nikhil", "Suresh", "Aditya"},
		female: []string{"Priya", "Ananya", "Kavita", "Neha", "Deepa", "Meera", "Sunita", "Pooja", "Lakshmi", "Radhika"},
		family: []string{"Sharma", "Iyer", "Menon", "Reddy", "Nair", "Kapoor", "Gupta", "Rao", "Mehta", "Bhatia", "Chawla", "Pillai", "Joshi", "Desai"},
	},
	"es": {
		male:   []string{"Alejandro", "Javier", "Diego", "Andrés", "Miguel", "Sergio", "Rodrigo", "Emilio", "Tomás", "Gonzalo"},
		female: []string{"Lucía", "Carmen", "Valeria", "Sofía", "Paula", "Gabriela", "Daniela", "Marisol", "Inés", "Renata"},
		family: []string{"Hernández", "García", "Martínez", "Ramírez", "Torres", "Flores", "Vargas", "Castillo", "Ortega", "Navarro", "Domínguez", "Herrera", "Aguilar", "Salazar"},
	},
	"pt": {
		male:   []string{"João", "Pedro", "Rafael", "Thiago", "Bruno", "Gustavo", "Felipe", "Rodrigo"},
		female: []string{"Ana", "Mariana", "Beatriz", "Juliana", "Camila", "Fernanda", "Larissa", "Patrícia"},
		family: []string{"Silva", "Santos", "Oliveira", "Souza", "Costa", "Almeida", "Ferreira", "Ribeiro", "Carvalho", "Teixeira"},
	},
	"it": {
		male:   []string{"Marco", "Luca", "Alessandro", "Giorgio", "Matteo", "Stefano", "Paolo", "Davide"},
		female: []string{"Giulia", "Francesca", "Chiara", "Elena", "Valentina", "Silvia", "Martina", "Federica"},
		family: []string{"Rossi", "Bianchi", "Romano", "Colombo", "Ricci", "Marino", "Greco", "Bruno", "Gallo", "Conti"},
	},
	"ru": {
		male:     []string{"Dmitry", "Sergei", "Alexei", "Nikolai", "Pavel", "Andrei", "Mikhail", "Igor", "Oleg", "Yuri"},
		female:   []string{"Elena", "Olga", "Irina", "Tatiana", "Svetlana", "Natalia", "Marina", "Yulia", "Anna", "Vera"},
		family:   []string{"Sokolov", "Morozov", "Lebedev", "Kozlov", "Novikov", "Orlov", "Belov", "Gusev", "Titov", "Zaitsev", "Volkov", "Pavlov"},
		feminine: "a",
	},
	"vn": {
		male:        []string{"Van Minh", "Duc Anh", "Quang Huy", "Thanh Long", "Minh Tuan", "Hoang Nam", "Van Hung", "Quoc Bao"},
		female:      []string{"Thi Lan", "Thu Trang", "Minh Chau", "Thi Hoa", "Ngoc Anh", "Thanh Huong", "Thi Mai", "Bich Ngoc"},
		family:      []string{"Nguyen", "Tran", "Pham", "Hoang", "Vu", "Dang", "Bui", "Ngo", "Duong", "Ly"},
		familyFirst: true,
	},
	"id": {
		male:   []string{"Budi", "Agus", "Rizal", "Hendra", "Eko", "Fajar", "Yusuf", "Arief"},
		female: []string{"Siti", "Dewi", "Putri", "Rina", "Ayu", "Intan", "Wulan", "Sari"},
		family: []string{"Santoso", "Wijaya", "Hidayat", "Pratama", "Kusuma", "Halim", "Gunawan", "Saputra", "Setiawan", "Nugroho"},
	},
	"ar": {
		male:   []string{"Ahmed", "Khalid", "Omar", "Faisal", "Tariq", "Youssef", "Hamad", "Karim"},
		female: []string{"Fatima", "Noura", "Layla", "Mariam", "Huda", "Amal", "Rania", "Salma"},
		family: []string{"Al-Farsi", "Al-Mansouri", "Haddad", "Al-Rashid", "Nasser", "Al-Qasimi", "Khoury", "Saleh", "Al-Harbi", "Mansour"},
	},
	"tr": {
		male:   []string{"Mehmet", "Emre", "Burak", "Murat", "Kerem", "Serkan"},
		female: []string{"Ayşe", "Zeynep", "Elif", "Derya", "Selin", "Ebru"},
		family: []string{"Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Aydın", "Öztürk", "Arslan"},
	},
}

// cultureOf maps countries to the naming tradition of their officials and
// founders; countries not listed get English names, as wires transliterate
// them.
var cultureOf = map[string]string{
	"US": "en", "GB": "en", "AU": "en", "CA": "en", "NZ": "en", "IE": "en", "SG": "zh", "HK": "zh",
	"CN": "zh", "TW": "tw", "KR": "ko", "KP": "ko", "JP": "ja",
	"DE": "de", "AT": "de", "CH": "de", "NL": "nl", "BE": "nl", "FR": "fr", "LU": "fr",
	"IN": "in", "BD": "in", "LK": "in", "MX": "es", "ES": "es", "AR": "es", "CL": "es", "CO": "es", "PE": "es",
	"BR": "pt", "PT": "pt", "IT": "it", "RU": "ru", "BY": "ru", "KZ": "ru", "UA": "ru",
	"VN": "vn", "ID": "id", "MY": "id", "SA": "ar", "AE": "ar", "QA": "ar", "EG": "ar", "KW": "ar",
	"OM": "ar", "BH": "ar", "JO": "ar", "MA": "ar", "TR": "tr",
}

// firmCities are cities where invented firms are based, by country. None
// is a capital or another name the gazetteer knows, which a test checks:
// "Beijing Foo Co" would be read as China doing something.
var firmCities = map[string][]string{
	"CN": {"Shenzhen", "Hangzhou", "Suzhou", "Wuxi", "Qingdao", "Ningbo", "Xiamen", "Dongguan", "Chengdu", "Wuhan", "Hefei", "Tianjin", "Guangzhou", "Nanjing", "Changzhou"},
	"KR": {"Busan", "Incheon", "Daegu", "Ulsan", "Suwon", "Pangyo", "Changwon"},
	"JP": {"Osaka", "Nagoya", "Yokohama", "Kyoto", "Kobe", "Fukuoka", "Sendai", "Hamamatsu"},
	"TW": {"Hsinchu", "Taichung", "Kaohsiung", "Tainan", "Taoyuan"},
	"US": {"Austin", "Phoenix", "Boise", "Raleigh", "Tucson", "Fremont", "Dayton", "Albany"},
	"DE": {"Stuttgart", "Dresden", "Munich", "Hamburg", "Leipzig", "Bremen", "Jena"},
	"NL": {"Eindhoven", "Rotterdam", "Delft", "Utrecht", "Nijmegen", "Veldhoven"},
	"GB": {"Cambridge", "Bristol", "Leeds", "Glasgow", "Sheffield"},
	"FR": {"Lyon", "Grenoble", "Toulouse", "Nantes", "Lille"},
	"IN": {"Pune", "Bengaluru", "Chennai", "Hyderabad", "Ahmedabad", "Noida"},
	"VN": {"Haiphong", "Danang"},
	"MX": {"Monterrey", "Guadalajara", "Tijuana", "Queretaro"},
	"MY": {"Penang", "Kulim"},
	"IT": {"Turin", "Bologna", "Verona"},
	"BR": {"Campinas", "Curitiba"},
}

// firmSuffixes are the corporate suffixes firms of a country carry, without
// the period some houses write: "Co." ends sentences badly.
var firmSuffixes = map[string][]string{
	"CN": {"Co", "Co Ltd", "Group", "Technology"},
	"KR": {"Co", "Corp"},
	"JP": {"Corp", "Co"},
	"TW": {"Corp", "Co"},
	"US": {"Inc", "Corp", "Technologies"},
	"DE": {"GmbH", "AG"},
	"NL": {"BV", "NV"},
	"GB": {"Ltd", "PLC"},
	"FR": {"SA"},
	"IN": {"Ltd"},
	"IT": {"Group", "Industries"},
}

// defaultFirmSuffixes serve countries firmSuffixes does not list.
var defaultFirmSuffixes = []string{"Ltd", "Group", "Holdings"}

// Stems of invented firm names: a head and a tail make one word
// ("Veltrix", "Haolan").
var (
	stemHeads = []string{"Hao", "Vel", "Lian", "Bright", "Nova", "Sun", "Ever", "Kai", "Zen", "Lu", "Tera", "Axi", "Cor", "Mira", "Quan", "Rui", "Tai", "Yun", "Zhi", "Alto", "Bel", "Cres", "Dyn", "Elo", "Fen", "Gal", "Hel", "Iso", "Jun", "Kor"}
	stemTails = []string{"lan", "trix", "path", "sun", "tek", "wave", "gen", "core", "ron", "lux", "via", "ra", "nix", "tron", "mar", "lite", "bridge", "field", "star", "crest"}
)

// firmSectors are what invented firms do, with the product the text says
// they make.
var firmSectors = []struct{ word, product string }{
	{"Robotics", "industrial robots"},
	{"Optics", "optical lenses"},
	{"Materials", "specialty materials"},
	{"Microsystems", "sensors"},
	{"Photonics", "laser components"},
	{"Precision", "machine tools"},
	{"Battery", "battery cells"},
	{"Components", "electronic components"},
	{"Devices", "power chips"},
	{"Trading", "electronic parts"},
	{"Logistics", "freight services"},
	{"Metals", "refined metals"},
	{"Chemicals", "industrial chemicals"},
	{"Machinery", "packaging machinery"},
	{"Solar", "solar modules"},
	{"Instruments", "test equipment"},
	{"Circuits", "circuit boards"},
	{"Foods", "processed seafood"},
	{"Textiles", "technical fabrics"},
	{"Semiconductor", "analogue chips"},
}

// Publications the articles appear in. They are invented: the corpus must
// never be mistaken for what a real outlet printed.
var publications = []string{
	"Meridian Trade Wire", "Pacific Ledger", "Harbourline News", "Asia Commerce Daily",
	"Continental Business Review", "Supply Chain Monitor", "The Tariff Desk", "Northgate Financial",
	"Eastern Markets Report", "Atlas Policy Journal", "Silk Road Business", "Gateway Economic News",
	"Bridgewater Trade Bulletin", "Crossroads Wire", "The Export Letter", "Lighthouse Business Post",
}
