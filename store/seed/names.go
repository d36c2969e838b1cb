package seed

// The words of the synthetic caseload that the seed writes: residents' names,
// the fictional streets, blocks and towns they live in, and the phrases
// officers' notes are made of.
//
// Names are common first names and surnames of an English borough, paired
// at random. Every way of reaching a resident is fictional on purpose, so a
// demo record can never point at a real person or a real door: the streets
// and towns are invented ("Sample Street, Newtown"), postcodes are in the
// ZZ99 district (the NHS pseudo-postcode no address holds), mobile and
// landline numbers are in Ofcom's ranges reserved for drama (07700 900xxx,
// 01632 960xxx) and email addresses are at example.org/example.net, the
// domains reserved for documentation.

var seedFirstNames = []string{
	"Amelia", "Olivia", "Isla", "Ava", "Mia", "Grace", "Sophie", "Emily", "Jessica", "Chloe",
	"Lucy", "Hannah", "Sarah", "Rebecca", "Karen", "Susan", "Tracey", "Julie", "Margaret", "Patricia",
	"Doreen", "Joan", "Fatima", "Aisha", "Amina", "Zainab", "Priya", "Sunita", "Nkechi", "Abena",
	"Agnieszka", "Ewa", "Roisin", "Siobhan", "Shanice", "Jade", "Kelly", "Leanne", "Stacey", "Danielle",
	"Oliver", "George", "Harry", "Jack", "Jacob", "Noah", "Charlie", "Thomas", "James", "William",
	"Daniel", "Mohammed", "Ahmed", "Tariq", "Imran", "Ravi", "Sanjay", "Kwame", "Emeka", "Tomasz",
	"Piotr", "Darren", "Wayne", "Lee", "Craig", "Gary", "Keith", "Brian", "Derek", "Ronald",
	"Kevin", "Paul", "Mark", "Stephen", "Ryan", "Jordan", "Callum", "Liam", "Kieran", "Dylan",
}

// seedOlderFirstNames are used more for Housing Benefit claimants, who are
// mostly of pension age.
var seedOlderFirstNames = []string{
	"Margaret", "Doreen", "Joan", "Patricia", "Brenda", "Maureen", "Sheila", "Irene", "Valerie", "Jean",
	"Ronald", "Derek", "Keith", "Brian", "Kenneth", "Dennis", "Terence", "Harold", "Roy", "Norman",
}

var seedSurnames = []string{
	"Smith", "Jones", "Williams", "Taylor", "Brown", "Davies", "Evans", "Wilson", "Thomas", "Johnson",
	"Roberts", "Robinson", "Thompson", "Wright", "Walker", "White", "Edwards", "Hughes", "Green", "Hall",
	"Lewis", "Harris", "Clarke", "Patel", "Jackson", "Wood", "Turner", "Martin", "Cooper", "Hill",
	"Ward", "Morris", "Moore", "Clark", "King", "Baker", "Harrison", "Morgan", "Allen", "Scott",
	"Phillips", "Watson", "Parker", "Price", "Bennett", "Young", "Griffiths", "Mitchell", "Kelly", "Cook",
	"Carter", "Richardson", "Bailey", "Collins", "Bell", "Shaw", "Murphy", "Miller", "Cox", "Richards",
	"Khan", "Marshall", "Anderson", "Simpson", "Ellis", "Adams", "Singh", "Begum", "Ali", "Hussain",
	"Ahmed", "Akhtar", "Okafor", "Mensah", "Owusu", "Adeyemi", "Nowak", "Kowalski", "O'Brien", "McCarthy",
	"Byrne", "Doyle", "Gallagher", "Francis", "Campbell", "Stewart", "Reid", "Henry", "Grant", "Fletcher",
}

var seedStreets = []string{
	"Sample Street", "Example Road", "Fictional Close", "Placeholder Avenue", "Specimen Lane",
	"Template Terrace", "Prototype Drive", "Pretend Place", "Notional Square", "Imaginary Mews",
	"Invention Way", "Mockup Gardens", "Draft Row", "Storybook Crescent", "Makeshift Walk",
	"Dummy Lane", "Testbed Road", "Trial Street", "Exemplar Grove", "Hypothesis Hill",
}

// seedBlocks are the blocks of flats and maisonettes.
var seedBlocks = []string{
	"Sample Court", "Example House", "Fiction Tower", "Placeholder Point", "Specimen Heights",
	"Template House", "Prototype Court", "Notional Lodge", "Draft House", "Storybook Court",
}

var seedTowns = []string{"Newtown", "Exampleton", "Sampleford", "Fictionbury", "Testham", "Mockbridge"}

// seedHostels are the temporary accommodation buildings.
var seedHostels = []string{"Example Hostel", "Sample House (temporary accommodation)", "Placeholder Lodge"}

// seedPostcodeLetters are the letters a postcode's inward code may use.
const seedPostcodeLetters = "ABDEFGHJLNPQRSTUWXYZ"

var seedEmailDomains = []string{"example.org", "example.org", "example.net"}

// seedArrearsReasons are why residents say they fell behind.
var seedArrearsReasons = []string{
	"hours at work were cut",
	"UC was reduced after a change of circumstances",
	"statutory sick pay has ended",
	"partner moved out and took the bank card",
	"had to pay for a funeral",
	"the boiler broke and they paid for the repair",
	"a benefit sanction",
	"waiting for a new UC claim after losing their job",
	"energy bills went up and they fell behind",
	"a payday loan is taking most of their wages",
	"the car failed its MOT and they needed it for work",
	"caring for a parent and working fewer shifts",
}

// seedReferrals are the support agencies arrears cases are referred to.
var seedReferrals = []string{
	"Referred to the Money Advice Team for a debt and budgeting appointment",
	"Referred to the Welfare Benefits Service for a full benefits check",
	"Referred to the Tenancy Sustainment Officer",
	"Referred to Citizens Advice Newtown (consent given)",
	"Safeguarding referral to Adult Social Care, with the tenant's consent",
	"Referred to the council's Discretionary Housing Payment team",
}

// seedVulnerabilities are what a vulnerability flag records about a resident.
var seedVulnerabilities = []string{
	"Tenant told us about long-term mental health difficulties; prefers contact by text first.",
	"Tenant is recovering from a stroke; her daughter helps with letters (consent on file).",
	"Tenant has a learning disability; support worker from Newtown Floating Support attends visits.",
	"Tenant is a care leaver; personal adviser from Children's Services is the main contact.",
	"Tenant disclosed domestic abuse; do not discuss the account with anyone else in the household.",
	"Tenant is partially sighted; letters in large print, please.",
}

// seedPauseReasons are why an officer pauses arrears action.
var seedPauseReasons = []string{
	"Awaiting HB backdate decision",
	"New UC claim made; first payment expected next month",
	"Bereavement: agreed no arrears contact for two weeks",
	"Tenant in hospital; review on discharge",
	"Waiting for the Discretionary Housing Payment decision",
	"Breathing Space (debt respite) moratorium in place",
}

// seedQuietNotes are everyday notes on accounts with nothing wrong;
// followUp marks those an officer would set a follow-up on.
var seedQuietNotes = []struct {
	channel  string
	text     string
	followUp bool
}{
	{"phone", "Tenant called to check the balance before the rent increase; explained the new weekly charge.", false},
	{"email", "Tenant asked for a rent statement; sent by email.", false},
	{"phone", "Tenant changed bank account; new Direct Debit instruction set up. Check the first collection.", true},
	{"office", "Tenant in the office to report a repair; passed to Repairs, nothing owed.", true},
	{"letter", "Annual rent increase letter sent.", false},
	{"phone", "Tenant asked about Home Contents Insurance; sent the leaflet.", true},
	{"sms", "Texted a reminder that the rent is debited on Mondays.", false},
	{"email", "Updated phone number at the tenant's request.", false},
	{"visit", "Tenancy audit visit: household as registered, no concerns about the account.", false},
	{"webchat", "Tenant asked how to pay by standing order; gave the bank details and reference.", true},
}

// seedDiaryTexts are the follow-ups officers set themselves.
var seedDiaryTexts = []string{
	"Check the promised payment has arrived; if not, call.",
	"Call back about the Direct Debit amount after the rent change.",
	"Chase the income and expenditure form sent last week.",
	"Check the UC journal for the rent verification.",
	"Ring Money Advice for an update on the referral.",
	"Check whether the HB backdate has been awarded.",
	"Home visit: talk through the rent account and the repair the tenant raised.",
	"Check the DHP decision and post it if awarded.",
}

// seedUnpaidCodes are ARUDD reason codes a returned Direct Debit carries,
// weighted the way they arrive: mostly "refer to payer".
var seedUnpaidCodes = []string{
	"ARUDD 0 refer to payer", "ARUDD 0 refer to payer", "ARUDD 0 refer to payer",
	"ARUDD 1 instruction cancelled", "ARUDD 6 no instruction", "ARUDD B account closed", "ARUDD 5 no account",
}

// seedRecharges are sundry debts for rechargeable repairs and the like.
var seedRecharges = []string{
	"Rechargeable repair: replacement front door after forced entry",
	"Rechargeable repair: clearing items left in the loft",
	"Rechargeable repair: replacing a damaged kitchen worktop",
	"Clearance of rubbish left in the communal garden",
	"Rechargeable repair: lock change after lost keys",
	"Court costs carried over from a previous tenancy",
}
