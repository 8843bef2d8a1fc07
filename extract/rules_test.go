package extract_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/schema"
)

func extractText(t *testing.T, published, text string) schema.Document {
	t.Helper()
	doc, err := extractor(t).Extract(context.Background(), schema.Article{ID: "t.txt", Published: published}, []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func entityByName(doc schema.Document, name string) (schema.Entity, bool) {
	for _, e := range doc.Entities {
		if e.Name == name {
			return e, true
		}
	}
	return schema.Entity{}, false
}

// TestEntityRules: one sentence in, the entity (type, name, titles) out.
func TestEntityRules(t *testing.T) {
	tests := []struct {
		name, text string
		typ        schema.EntityType
		want       string
		titles     []string
	}{
		{"country-qualified title", "Japanese Foreign Minister Yoko Kamikawa met her counterpart in Tokyo.",
			schema.Person, "Yoko Kamikawa", []string{"Foreign Minister"}},
		{"appositive titles", "The deal was welcomed by Bae Kyung-hoon, the vice prime minister and science minister; others agreed.",
			schema.Person, "Bae Kyung-hoon", []string{"vice prime minister and science minister"}},
		{"ministry with a comma list", "The Ministry of Trade, Industry and Energy said exports rose.",
			schema.Ministry, "Ministry of Trade, Industry and Energy", nil},
		{"country-prefixed department", "Officials at the U.S. Department of Commerce said talks went well.",
			schema.Ministry, "U.S. Department of Commerce", nil},
		{"quoted agreement title", "The two countries signed a memorandum titled the \"Green Shipping Corridor Pact\" on Monday.",
			schema.Agreement, "Green Shipping Corridor Pact", nil},
		{"agreement named from the front", "They signed a Framework to Strengthen Port Investment and Trade Cooperation.",
			schema.Agreement, "Framework to Strengthen Port Investment and Trade Cooperation", nil},
		{"country pair summit", "Leaders met at a Japan-India summit held in New Delhi.",
			schema.Event, "Japan-India summit", nil},
		{"named meeting", "The talks took place on the sidelines of the G20 Leaders' Summit.",
			schema.Event, "G20 Leaders' Summit", nil},
		{"venue", "The accord was signed at the Seoul Arts Center on Friday.",
			schema.Location, "Seoul Arts Center", nil},
		{"company by shape", "The MOU builds on earlier deals signed with DeepMind and others.",
			schema.Organization, "DeepMind", nil},
		{"demonym body", "The Kenyan space agency will launch a satellite next year.",
			schema.Ministry, "Kenyan space agency", nil},
		{"two titled people in a list", "President Luiz Inácio Lula da Silva and First Lady Janja da Silva greeted the guests.",
			schema.Person, "Janja da Silva", []string{"First Lady"}},
		{"titled people of countries in a list", "Foreign Minister Ana Lucia Ferreira of Brazil and Foreign Minister Jonas Berg of Norway signed a memorandum of understanding on clean energy in Oslo on Monday.",
			schema.Person, "Ana Lucia Ferreira", []string{"Foreign Minister"}},
		{"company after a role noun", "Indonesia's state energy company Pertamina signed the deal.",
			schema.Organization, "Pertamina", nil},
		{"one-word parties after a signing verb", "Pertamina signed an MoU with KEPCO and Ecopetrol on hydrogen supply.",
			schema.Organization, "Ecopetrol", nil},
		{"company suffix after a comma", "The ministry signed a deal with Acme Devices, Inc. to build chips.",
			schema.Organization, "Acme Devices, Inc.", nil},
		{"companies joined by and", "Samsung C&T Corp. and Hanwha Ocean Co., Ltd. will build the plant.",
			schema.Organization, "Hanwha Ocean Co., Ltd.", nil},
		{"university named from the front", "The plan was welcomed by Universidad de Chile and others.",
			schema.Organization, "Universidad de Chile", nil},
		{"an embassy is a government body", "The Embassy of Canada in Peru hosted the talks.",
			schema.Ministry, "Embassy of Canada in Peru", nil},
		{"national police", "The Philippine National Police signed the protocol.",
			schema.Ministry, "Philippine National Police", nil},
		{"title of a country before the name", "The Minister for Foreign Affairs of the Republic of Indonesia, Her Excellency Retno L.P. Marsudi, met her counterpart in London.",
			schema.Person, "Retno L.P. Marsudi", []string{"Minister for Foreign Affairs of the Republic of Indonesia"}},
		{"a Dutch particle", "Uniper's chief commercial officer Niek den Hollander signed the deal.",
			schema.Person, "Niek den Hollander", []string{"chief commercial officer"}},
		{"a reign's number", "Morocco's King Mohammed VI received the envoys.",
			schema.Person, "Mohammed VI", []string{"King"}},
		{"a generation's suffix", "Philippine President Ferdinand Marcos Jr. spoke on Monday.",
			schema.Person, "Ferdinand Marcos Jr.", []string{"President"}},
		{"a family name that is a title elsewhere", "Civil rights leader Martin Luther King III spoke.",
			schema.Person, "Martin Luther King III", nil},
		{"a name with a capital inside opens a sentence", "PetroAndes signed a supply deal with Kenya on Monday.",
			schema.Organization, "PetroAndes", nil},
		{"a head before its of", "Critics at the Joint Council for the Welfare of Migrants objected.",
			schema.Ministry, "Joint Council for the Welfare of Migrants", nil},
		{"a body's head before on", "The Council on Ghanaian-Kenyan Relations welcomed the accord.",
			schema.Ministry, "Council on Ghanaian-Kenyan Relations", nil},
		{"a place's head runs on no on", "Engineers at the Kisumu Space Center on Monday tested it.",
			schema.Location, "Kisumu Space Center", nil},
		{"a body and a title no name follows", "A Museum of Flight CEO said the plane would stay.",
			schema.Location, "Museum of Flight", nil},
		{"a family name that is a head word elsewhere, after a title", "Foreign Minister Park Jin met reporters in Seoul.",
			schema.Person, "Park Jin", []string{"Foreign Minister"}},
		{"a Korean given name with a capital after its hyphen", "Korea substituted Park Joo-Ho in the 28th minute.",
			schema.Person, "Park Joo-Ho", nil},
		{"a world region", "Ministers asked the governments of South-East Asia to help.",
			schema.Location, "Southeast Asia", nil},
		{"a leader named in a government's name", "Taxes rose under the Mensah government.",
			schema.Person, "Mensah", nil},
		{"a hyphened descriptor before a name of a party", "Pan-democrat Gary Fan of the Neo Democrats lost his seat.",
			schema.Person, "Gary Fan", nil},
		{"an event's head before its on", "Leaders met at the Forum on Andes-Africa Cooperation in Lima.",
			schema.Event, "Forum on Andes-Africa Cooperation", nil},
		{"what has sidelines is an event", "Kenya and Peru signed a deal on the sidelines of COP31 in Nairobi.",
			schema.Event, "COP31", nil},
		{"an event in apposition", "COP31, the UN climate conference, opened in Nairobi.",
			schema.Event, "COP31", nil},
		{"a body in a title set off by a comma", "The deal was signed by the Governor of the Central Bank of Ghana, Ama Owusu, on Monday.",
			schema.Organization, "Central Bank of Ghana", nil},
		{"what is state-owned is an organization", "Argentina's state-owned YPF attended the meeting as an observer.",
			schema.Organization, "YPF", nil},
		{"a company's head word of trade", "Ethio Telecom spokesperson Abel Tadesse declined to comment.",
			schema.Organization, "Ethio Telecom", nil},
		{"names a plural role noun lists", "Ghanaian lenders such as Fidelity, Ecobank and Absa expanded.",
			schema.Organization, "Fidelity", nil},
		{"the last name a role noun lists", "Brazilian industries like WEG, Suzano, and Randon are expanding.",
			schema.Organization, "Randon", nil},
		{"a singular noun's list names its members", "The magazine attacked defectors from the organization including Tom Devocht.",
			schema.Person, "Tom Devocht", nil},
		{"a plural title before a comma list", "Prime Ministers Rishi Sunak, Fumio Kishida and Anthony Albanese signed the accord.",
			schema.Person, "Rishi Sunak", []string{"Prime Ministers"}},
		{"a descriptor that owns nothing before a name", "The local Peter Mwangi said the deal was good.",
			schema.Person, "Peter Mwangi", nil},
		{"honorific and postnominal letters", "The Secretary of State for Trade of the United Kingdom, the Right Honourable Jane Doe MP, spoke first.",
			schema.Person, "Jane Doe", []string{"Secretary of State for Trade of the United Kingdom"}},
		{"a body before a title", "Reserve Bank of India Governor Anil Mehra and Central Bank of the UAE Governor Omar Saeed exchanged the documents.",
			schema.Organization, "Central Bank of the UAE", nil},
		{"a company after a country's possessive, as a party", "The state oil firm signed a $2 billion agreement with China's Sinopec on Monday.",
			schema.Organization, "Sinopec", nil},
		{"a state news agency is an outlet", "The Saudi Press Agency reported the signing on Monday.",
			schema.Organization, "Saudi Press Agency", nil},
		{"a bloc", "The European Union and the South American bloc Mercosur concluded negotiations on a free trade agreement.",
			schema.Organization, "Mercosur", nil},
		{"a list whose second item starts with a body", "Vice Minister of Commerce Li Wei and USTDA Director for Policy and Program Tom Reyes signed the grants.",
			schema.Person, "Tom Reyes", []string{"USTDA Director for Policy and Program"}},
		{"a title in lower case before the name", "Chinh met his Japanese counterpart Shigeru Ishiba in Hanoi on Tuesday.",
			schema.Person, "Shigeru Ishiba", []string{"Japanese counterpart"}},
		{"a portfolio of several words", "The deal was signed by Ethiopia's Minister of Water and Energy Habtamu Itefa in Nairobi.",
			schema.Person, "Habtamu Itefa", []string{"Minister of Water and Energy"}},
		{"Arabic name with bin and Al", "Qatar's Emir Sheikh Tamim bin Hamad Al Thani received the delegation in Doha.",
			schema.Person, "Tamim bin Hamad Al Thani", []string{"Emir Sheikh"}},
		{"Spanish double surname", "Mexican President Andrés Manuel López Obrador joined the talks.",
			schema.Person, "Andrés Manuel López Obrador", []string{"President"}},
		{"Vietnamese three-part name", "Vietnamese Prime Minister Pham Minh Chinh joined the talks.",
			schema.Person, "Pham Minh Chinh", []string{"Prime Minister"}},
		{"state government", "The Ministry of Interior signed an agreement with the Government of Karnataka on mining safety.",
			schema.Ministry, "Government of Karnataka", nil},
		{"country's government", "The envoy signed a memorandum with the Government of Mongolia on Monday.",
			schema.Country, "Mongolia", nil},
		{"named event with an ordinal", "Leaders gathered in Vientiane for the 31st ASEAN Summit on Wednesday.",
			schema.Event, "31st ASEAN Summit", nil},
		{"named day", "The two leaders also marked the International Day of Peace.",
			schema.Event, "International Day of Peace", nil},
		{"business forum", "The Japan-India Business Forum will be held in Tokyo.",
			schema.Event, "Japan-India Business Forum", nil},
		{"a name listed before a title", "The deal was welcomed by Lula and Chilean President Gabriel Boric on Monday.",
			schema.Person, "Gabriel Boric", []string{"President"}},
		{"a head word in lower case after the name", "The agreements were exchanged at the Qasr Al Watan palace in Abu Dhabi.",
			schema.Location, "Qasr Al Watan", nil},
		{"the sidelines are no agreement's topic", "Egypt and Saudi Arabia signed 15 agreements on the sidelines of the Egypt-Saudi Investment Forum in Cairo.",
			schema.Agreement, "agreements between Egypt and Saudi Arabia", nil},
		{"a facility", "Engineers will upgrade the Salina Cruz refinery next year.",
			schema.Location, "Salina Cruz", nil},
		{"a body's meeting is an event", "Commerce Minister Suchart Chomklin signed the agreement during the 10th Thailand-Cambodia Joint Trade Committee meeting in Siem Reap.",
			schema.Event, "10th Thailand-Cambodia Joint Trade Committee meeting", nil},
		{"a military rank is a title", "Field Marshal Asim Munir also attended the ceremony in Riyadh.",
			schema.Person, "Asim Munir", []string{"Field Marshal"}},
		{"a visit with its destination", "Modi will make a state visit to Japan in March.",
			schema.Event, "state visit to Japan", nil},
		{"a court is a government body", "The Constitutional Court of Peru upheld the law on Friday.",
			schema.Ministry, "Constitutional Court of Peru", nil},
		{"a court by its last word", "Lawyers for the town appealed to the High Court in Nairobi.",
			schema.Ministry, "High Court", nil},
		{"a head of two words", "The Austin Independent School District signed a contract with Initech.",
			schema.Organization, "Austin Independent School District", nil},
		{"a denomination's church is a body", "The Romanian Orthodox Church welcomed the accord.",
			schema.Organization, "Romanian Orthodox Church", nil},
		{"a church named after a saint is a building", "The mourners gathered at Holy Trinity Church in Lagos.",
			schema.Location, "Holy Trinity Church", nil},
		{"a sentence's common first word is not the name's", "The council has a nonpartisan chair. Nonpartisan Kofi Mensah won the seat.",
			schema.Person, "Kofi Mensah", nil},
		{"a person of an acronym", "Voters elected Amara Diallo of UDPG and two others.",
			schema.Person, "Amara Diallo", nil},
		{"the acronym a person is of", "Voters elected Amara Diallo of UDPG and two others.",
			schema.Organization, "UDPG", nil},
		{"an acronym that has people", "The vote went to UDPG's Amara Diallo.",
			schema.Organization, "UDPG", nil},
		{"a person of an unknown name", "The crowd cheered Kwame Asante of Sauti Sol on Friday.",
			schema.Person, "Kwame Asante", nil},
		{"the group a person is of", "The crowd cheered Kwame Asante of Sauti Sol on Friday.",
			schema.Organization, "Sauti Sol", nil},
		{"the group a person is of, with its article", "Voters rejected Kofi Ansah of the Green Dawn in the north.",
			schema.Organization, "Green Dawn", nil},
		{"a person of a body, and another person", "Publishers Ada Obi of Lagos Weekly Review and Musa Bello met in Abuja.",
			schema.Person, "Ada Obi", nil},
		{"two organizations joined by and", "Researchers at the Polytechnic Institute of Lagos and Accra Technical University ran the trial.",
			schema.Organization, "Polytechnic Institute of Lagos", nil},
		{"the second of two organizations", "Researchers at the Polytechnic Institute of Lagos and Accra Technical University ran the trial.",
			schema.Organization, "Accra Technical University", nil},
		{"an organization's country after its own of", "A team from the University of Mombasa of Kenya joined.",
			schema.Organization, "University of Mombasa", nil},
		{"a title's place before the name", "Governor of Kaduna Tunde Bakare opened the plant.",
			schema.Person, "Tunde Bakare", nil},
		{"a closing quote starts no sentence", "\"We are ready,\" Khaled Al-Saeed, the port's director, told reporters.",
			schema.Person, "Khaled Al-Saeed", nil},
		{"an Arabic article in lower case", "Port director Faisal al-Harbi said the cranes were old.",
			schema.Person, "Faisal al-Harbi", nil},
		{"a town and its country", "The engineer, from Kisumu, Kenya, joined the project.",
			schema.Location, "Kisumu", nil},
		{"a place after \"at the\"", "The leaders met at the Casa Rosada on Monday.",
			schema.Location, "Casa Rosada", nil},
		{"a field is a place", "Gas from the Abadi Field will reach Japan.",
			schema.Location, "Abadi Field", nil},
		{"where someone went is no part of their name", "The deal came during a visit by European Commission President Ana Weber to Cairo.",
			schema.Person, "Ana Weber", nil},
		{"a country before its capital and region of the same name", "Ethiopia and Djibouti have signed an agreement on ports.",
			schema.Country, "Djibouti", nil},
		{"a title's domain after its and", "The deal was signed by Minister of Transport and Logistics Alemu Sime on Monday.",
			schema.Person, "Alemu Sime", []string{"Minister of Transport and Logistics"}},
		{"a session is an event", "The ceremony took place on the sidelines of the 38th Ordinary Session of the IGAD Council of Ministers.",
			schema.Event, "38th Ordinary Session of the IGAD Council of Ministers", nil},
		{"a ministry whose domain ends in a head word", "The Federal Ministry of Power welcomed the plan.",
			schema.Ministry, "Federal Ministry of Power", nil},
		{"a municipality is a government body", "The Municipality of Mombasa approved the plan.",
			schema.Ministry, "Municipality of Mombasa", nil},
		{"an honorific between the title and the name", "Deputy Minister for Trade Mr. Kamau said exports rose.",
			schema.Person, "Kamau", []string{"Deputy Minister for Trade"}},
		{"a Vietnamese family name that is also a particle", "Deputy Minister of Foreign Affairs Do Hung Viet told reporters the talks went well.",
			schema.Person, "Do Hung Viet", []string{"Deputy Minister of Foreign Affairs"}},
		{"a title before honorifics", "The deal was signed in the presence of President His Highness Sheikh Khalid bin Saeed Al Qasimi.",
			schema.Person, "Khalid bin Saeed Al Qasimi", []string{"President"}},
		{"an appositive title whose domains run past a comma", "The deal was signed by Grace Wanjiku, Cabinet Secretary for Investments, Trade and Industry.",
			schema.Person, "Grace Wanjiku", []string{"Cabinet Secretary for Investments, Trade and Industry"}},
		{"a title before a body and its acronym", "Director General of the Ghanaian space agency (GSSA) Kofi Mensah signed the accords on behalf of Ghana.",
			schema.Person, "Kofi Mensah", []string{"Director General"}},
		{"a session of a named body", "Leaders met for the 38th Ordinary Session of the Assembly of the African Union in Addis Ababa.",
			schema.Event, "38th Ordinary Session of the Assembly of the African Union", nil},
		{"Spanish particles in a name", "Mario de las Casas, a spokesman for the port operator, said the work was done.",
			schema.Person, "Mario de las Casas", nil},
		{"a body named after a king", "The archive signed an agreement with the King Abdulaziz Foundation for Research and Archives on Monday.",
			schema.Organization, "King Abdulaziz Foundation for Research and Archives", nil},
		{"a known company and one by its legal form", "France's TotalEnergies and Abu Dhabi National Oil Co signed supply agreements with GAIL.",
			schema.Organization, "Abu Dhabi National Oil Co", nil},
		{"a royal title that is a given name", "ADNOC Chief Executive Sultan Al Jaber said the deal was signed.",
			schema.Person, "Sultan Al Jaber", []string{"ADNOC Chief Executive"}},
		{"a sector's word inside a name its role noun types", "State oil company Pemex and Canadian pipeline operator TC Energy signed a letter of intent.",
			schema.Organization, "TC Energy", nil},
		{"a body whose acronym holds its demonym", "British International Investment (BII), the UK's development finance institution, will invest in Kenya.",
			schema.Organization, "British International Investment", nil},
		{"a name in capitals and another", "Separately, state miner MIND ID and Sumitomo Metal Mining agreed to cooperate on nickel processing.",
			schema.Organization, "Sumitomo Metal Mining", nil},
		{"a union of people", "The Union of Concerned Scientists (UCS) released a report on Monday.",
			schema.Organization, "Union of Concerned Scientists", nil},
		{"a given name after a party's possessive", "Turnout rose as the KPU's Alice Tang won the seat.",
			schema.Person, "Alice Tang", nil},
		{"a caption run into the text", "Harbour Party's Helen Shum In the Kowloon district, turnout rose.",
			schema.Person, "Helen Shum", nil},
		{"a credit label after a caption", "Pupils in Kisumu cheer Grace Otieno Photo: Kenya Times.",
			schema.Person, "Grace Otieno", nil},
		{"a given name of one word's body", "Analyst Maria Gomez of Bernstein said demand for chips was strong.",
			schema.Person, "Maria Gomez", nil},
		{"a name with its number", "Club owner Steve Rubell of Studio 54 was remembered in a film.",
			schema.Organization, "Studio 54", nil},
		{"a university opened by its state and then its country", "A team from Colorado State University of the US presented the paper in Vienna.",
			schema.Organization, "Colorado State University", nil},
		{"a university named by its country", "Scientists at the Technical University of Denmark built the turbine.",
			schema.Organization, "Technical University of Denmark", nil},
		{"a person's name after a place's preposition", "Officers found the documents in Grace Wanjiru's car on Sunday.",
			schema.Person, "Grace Wanjiru", nil},
		{"a head word after a name and its modifier", "The suspects belong to the Hells Angels biker gang, police said.",
			schema.Organization, "Hells Angels", nil},
		{"a place after its kind and of", "Troops evacuated 80 people from the town of Yeoncheon after the shelling.",
			schema.Location, "Yeoncheon", nil},
		{"a place of one word before its kind", "The president of the Lombardy region, Roberto Maroni, reacted.",
			schema.Location, "Lombardy", nil},
		{"a plural's possessive inside a name", "Officers of the Korean People's Army were sent to the front.",
			schema.Ministry, "Korean People's Army", nil},
		{"a plural's possessive opening a name", "The People's Bank of China cut its lending rate on Monday.",
			schema.Organization, "People's Bank of China", nil},
		{"a body its head types and another without one", "On Monday, Kenya Power and Volta Grid signed a supply contract.",
			schema.Organization, "Kenya Power", nil},
		{"a chamber of commerce", "The forum was organised by the Vietnam Chamber of Commerce and Industry (VCCI) in Hanoi.",
			schema.Organization, "Vietnam Chamber of Commerce and Industry", nil},
		{"a chamber of a parliament", "On Tuesday, the Chamber of Deputies approved the budget.",
			schema.Ministry, "Chamber of Deputies", nil},
		{"a house of a parliament", "The bill now goes to the House of Representatives for a vote.",
			schema.Ministry, "House of Representatives", nil},
		{"an appositive title whose domains end before a comma", "The deal was signed by Luis Carlos Reyes, Minister of Commerce, Industry and Tourism, at the palace.",
			schema.Person, "Luis Carlos Reyes", []string{"Minister of Commerce, Industry and Tourism"}},
		{"an abbreviated title", "Sen. Risa Hontiveros, an opposition lawmaker, said the chamber would review the accord.",
			schema.Person, "Risa Hontiveros", []string{"Sen."}},
		{"abbreviated titles in a row", "Lt. Gen. Abdel Fattah al-Burhan met the envoy in Port Sudan on Friday.",
			schema.Person, "Abdel Fattah al-Burhan", []string{"Lt. Gen."}},
		{"a person after a party's possessive", "Pro-Beijing New People Party's Regina Ip was re-elected with 60,760 votes.",
			schema.Person, "Regina Ip", nil},
		{"a follower's noun before a given name", "The video featured Scientologist Tom Cruise and was removed on Friday.",
			schema.Person, "Tom Cruise", nil},
		{"an office-holder's office", "The documents were exchanged at the Prime Minister's Office on Friday.",
			schema.Ministry, "Prime Minister's Office", nil},
		{"a parliament of no one country", "The European Parliament must give its consent before the accord takes effect.",
			schema.Organization, "European Parliament", nil},
		{"a known international body in a title", "Ursula von der Leyen, President of the European Commission, welcomed the deal.",
			schema.Organization, "European Commission", nil},
		{"places a plural kind lists", "The corridor will link Santos with the Chilean ports of Antofagasta and Iquique next year.",
			schema.Location, "Iquique", nil},
		{"a place named from the front in Spanish", "The signing took place at the Palacio de La Moneda on Tuesday.",
			schema.Location, "Palacio de La Moneda", nil},
		{"a company of a known group is no other of it", "Defense Minister Lee Jong-sup visited a Hyundai Rotem plant in Bydgoszcz on Saturday.",
			schema.Organization, "Hyundai Rotem", nil},
		{"a place a refinery is named after", "A fire broke out at the Ras Tanura refinery on Monday.",
			schema.Location, "Ras Tanura", nil},
		{"a title with a parenthesis of its own before a name", "The Minister of State for Petroleum Resources (Gas), Ekperikpe Ekpo, signed on behalf of Nigeria.",
			schema.Person, "Ekperikpe Ekpo", []string{"Minister of State for Petroleum Resources (Gas)"}},
		{"an honorific of West Africa", "Speaking at the event, Alhaji Musa Bello said the pipeline would supply gas to 13 countries.",
			schema.Person, "Musa Bello", nil},
		{"an aerospace company", "The engines will come from Hanwha Aerospace, the ministry said.",
			schema.Organization, "Hanwha Aerospace", nil},
		{"a lineage of names after a royal title", "His Royal Highness Prince Mohammed bin Salman bin Abdulaziz Al Saud, Crown Prince and Prime Minister, received the guests.",
			schema.Person, "Mohammed bin Salman bin Abdulaziz Al Saud", []string{"Prince"}},
		{"a place before a titled person's name", "The plant will be built near Bengaluru, Chief Minister Siddaramaiah said.",
			schema.Location, "Bengaluru", nil},
		{"the owner of a unit", "Toyota agreed to buy a stake in Daimler Truck's Japanese unit Mitsubishi Fuso, the company said.",
			schema.Organization, "Daimler Truck", nil},
		{"a possessive after a name's of", "The Bank of England's governor warned that prices would rise.",
			schema.Organization, "Bank of England", nil},
		{"a department named by its field and country", "On Monday, Fisheries and Oceans Canada closed the cod fishery.",
			schema.Ministry, "Fisheries and Oceans Canada", nil},
		{"a trade's association named by its field and country's short name", "Water UK said its members would invest in new pipes.",
			schema.Organization, "Water UK", nil},
		{"a Malaysian honorific of two words", "The pact was witnessed by Prime Minister Datuk Seri Anwar Ibrahim in Putrajaya.",
			schema.Person, "Anwar Ibrahim", []string{"Prime Minister"}},
		{"a Malaysian state's chief minister", "Also present was Johor Menteri Besar Datuk Onn Hafiz Ghazi.",
			schema.Person, "Onn Hafiz Ghazi", nil},
		{"a leaders' retreat", "The agreement followed the 11th Malaysia-Singapore Leaders' Retreat on Tuesday.",
			schema.Event, "11th Malaysia-Singapore Leaders' Retreat", nil},
		{"a country's possessive before an appositive title", "Piyush Goyal, India's Minister of Commerce and Industry, signed the agreement.",
			schema.Person, "Piyush Goyal", []string{"Minister of Commerce and Industry"}},
		{"the UN climate talks by their number", "Leaders met at COP 28 in Dubai, where Kenya signed a climate deal with Norway at COP28.",
			schema.Event, "COP28", nil},
		{"a title after a comma opens at its the", "The ceremony marked the start of the Nigeria-Morocco Gas Pipeline, the Minister of State for Petroleum Resources (Gas), Ekperikpe Ekpo, said.",
			schema.Person, "Ekperikpe Ekpo", []string{"Minister of State for Petroleum Resources (Gas)"}},
		{"a title's field in the plural before the name", "Pakistani Minister for Planning, Development and Special Initiatives Ahsan Iqbal said work would speed up.",
			schema.Person, "Ahsan Iqbal", nil},
		{"a name before a city that joins it with to", "Trump sent his Ukraine envoy Keith Kellogg to Kyiv on Monday.",
			schema.Person, "Keith Kellogg", []string{"envoy"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := extractText(t, "", tt.text)
			e, ok := entityByName(doc, tt.want)
			if !ok {
				var got []string
				for _, e := range doc.Entities {
					got = append(got, string(e.Type)+":"+e.Name)
				}
				t.Fatalf("no entity %q in %v", tt.want, got)
			}
			if e.Type != tt.typ {
				t.Errorf("type = %s, want %s", e.Type, tt.typ)
			}
			for _, ti := range tt.titles {
				if !slices.Contains(e.Titles, ti) {
					t.Errorf("titles = %q, want %q among them", e.Titles, ti)
				}
			}
		})
	}
}

// TestDatelineAgencyIsNoAlias: "HANOI (VNA)", "RABAT (Reuters)" name the
// agency after the place, not the place's acronym; nor is "EDL" Laos's.
func TestDatelineAgencyIsNoAlias(t *testing.T) {
	for _, tt := range []struct{ text, place, agency string }{
		{"Rice deal\n\nHANOI (VNA) - Vietnam and the Philippines signed an agreement on rice trade in Hanoi on Monday.", "Hanoi", "VNA"},
		{"Leaders meet\n\nRABAT (Reuters) - Morocco and Spain signed an agreement on fisheries in Rabat on Monday.", "Rabat", "Reuters"},
		{"Power deal\n\nThe deal was signed by Energie du Laos (EDL) and the Peru Grid Corporation.", "Laos", "EDL"},
	} {
		doc := extractText(t, "", tt.text)
		e, ok := entityByName(doc, tt.place)
		if !ok {
			t.Fatalf("no entity %s", tt.place)
		}
		if slices.Contains(e.Aliases, tt.agency) {
			t.Errorf("%s's aliases %q hold %s, which is not its own", tt.place, e.Aliases, tt.agency)
		}
	}
}

// TestAcronymOverGazetteer: an acronym the article defines ("the Public
// Investment Fund (PIF)") means that, not what the gazetteer knows by it
// (the Pacific Islands Forum).
func TestAcronymOverGazetteer(t *testing.T) {
	doc := extractText(t, "", "Indonesia's INA signed an MoU with the Public Investment Fund (PIF). Later, PIF said it would invest.")
	for _, e := range doc.Entities {
		if e.Name == "Pacific Islands Forum" {
			t.Errorf("entity %q from the article's own acronym PIF", e.Name)
		}
	}
	if e, ok := entityByName(doc, "Public Investment Fund"); !ok || len(e.Mentions) < 3 {
		t.Errorf("Public Investment Fund: %v, want 3 mentions", e.Mentions)
	}
}

// TestSportsTeams: in a match report a country that plays is its team, an
// organization; where the match is played stays a place. Outside sport a
// country that "defeated" another is a country, words that sport shares
// with other news ("goals", "match", "scores") notwithstanding.
func TestSportsTeams(t *testing.T) {
	report := extractText(t, "", "Ghana defeated Peru 2-1 in the World Cup match in Kenya on Monday. Peru had more possession, but a late goal from striker Kofi Mensah won it. Peru lost 1-2 to Ghana.")
	for name, want := range map[string]schema.EntityType{"Ghana": schema.Organization, "Peru": schema.Organization, "Kenya": schema.Country} {
		if e, ok := entityByName(report, name); !ok || e.Type != want {
			t.Errorf("match report: %s is %v (found %v), want %s", name, e.Type, ok, want)
		}
	}
	war := extractText(t, "", "Ghana defeated Peru in a vote at the United Nations on Monday. The agreement's goals match those of 2020, and scores of firms back it. A tournament of ideas followed.")
	if e, ok := entityByName(war, "Ghana"); !ok || e.Type != schema.Country {
		t.Errorf("no sport: Ghana is %v (found %v), want Country", e.Type, ok)
	}
}

// TestNotPeople: capitalised phrases that name no one.
func TestNotPeople(t *testing.T) {
	doc := extractText(t, "", "The leaders issued a Joint Communiqué. Heads of State will meet again on Friday March 7. Kenyan officials welcomed the move. "+
		"Iodine Nutrition experts said iodine intake fell. The deputy governor of Kisumu approved the plan. "+
		"\"The Home Secretary and I are working on it,\" she said. "+
		"State oil firm PT Sumber Energi signed the deal, Sumber Energi said. "+
		"I have one vote, like every other New Zealander on the roll. Prints hang at the Kisumu Museum and Art Gallery. "+
		"Ozone dropped under the Clean Air Act. The director of the National Iodine Nutrition study spoke. Hopper starred in the 1969 film Easy Rider. "+
		"An Ottawa New Democrat MP said officials of the Conservative government had complained.")
	for _, e := range doc.Entities {
		if e.Type == schema.Person {
			t.Errorf("person %q from a phrase that names no one", e.Name)
		}
	}
}

// TestRelationRules: a sentence or two in, the relations that must (and
// must not) come out.
func TestRelationRules(t *testing.T) {
	tests := []struct {
		name, published, text string
		want, notWant         []string // "subject predicate object"
	}{
		{"two countries sign on a weekday", "2025-10-29",
			"Korea and the United States met. The ministry announced on Wednesday that the two countries signed a memorandum of understanding titled the \"Korea-U.S. Technology Prosperity Deal\" at the Gyeongju Arts Center.",
			[]string{"country/KR signed agreement/korea-us-technology-prosperity-deal",
				"country/US signed agreement/korea-us-technology-prosperity-deal",
				"agreement/korea-us-technology-prosperity-deal signedOn 2025-10-29",
				"agreement/korea-us-technology-prosperity-deal signedAt location/gyeongju-arts-center"}, nil},
		{"signed by, with explicit date", "2024-03-14",
			"The Framework on Critical Minerals was signed by Canadian Minister of Natural Resources Emma Tremblay and Mexican Economy Minister Luis Ortega on March 12, 2024.",
			[]string{"person/emma-tremblay signed agreement/framework-on-critical-minerals",
				"person/luis-ortega signed agreement/framework-on-critical-minerals",
				"agreement/framework-on-critical-minerals signedOn 2024-03-12",
				"person/emma-tremblay represents country/CA", "person/luis-ortega represents country/MX",
				"agreement/framework-on-critical-minerals coversSector sector/critical-minerals"}, nil},
		{"the reporter of a signing is no party", "2025-01-08",
			"The Ministry of Foreign Affairs of Japan announced that Japan and Kenya signed an agreement on maritime security.",
			[]string{"country/JP signed agreement/agreement-on-maritime-security-between-japan-and-kenya/t.txt",
				"country/KE signed agreement/agreement-on-maritime-security-between-japan-and-kenya/t.txt"},
			[]string{"ministry/ministry-of-foreign-affairs-of-japan signed agreement/agreement-on-maritime-security-between-japan-and-kenya/t.txt"}},
		{"a country whose name ends in a head word", "",
			"Ghana and Ivory Coast signed an agreement on cocoa prices in Accra.",
			[]string{"country/GH signed agreement/agreement-on-cocoa-prices-between-ghana-and-ivory-coast/t.txt",
				"country/CI signed agreement/agreement-on-cocoa-prices-between-ghana-and-ivory-coast/t.txt"},
			[]string{"location/ghana-and-ivory-coast locatedIn country/GH"}},
		{"a witness is no party, a nationality adjective is a country, signers of two countries name the pact after them, a portfolio is no sector", "",
			"Ghana's Finance Minister Kwaku Mensah and Ivorian Agriculture Minister Adama Kone signed the pact in Accra, witnessed by President John Mahama.",
			[]string{"person/adama-kone represents country/CI", "person/kwaku-mensah represents country/GH",
				"person/adama-kone signed agreement/pact-between-ghana-and-ivory-coast/t.txt"},
			[]string{"person/john-mahama signed agreement/pact-between-ghana-and-ivory-coast/t.txt",
				"agreement/pact-between-ghana-and-ivory-coast/t.txt coversSector sector/finance"}},
		{"for one side, on behalf of another, each in its clause", "",
			"Kenya Power managing director Joseph Siror signed for the Kenyan side, while Sunwise chairman Li Hua signed on behalf of the Chinese company.",
			[]string{"person/joseph-siror represents country/KE"},
			[]string{"person/joseph-siror represents country/CN", "person/li-hua represents country/CN"}},
		{"whom a visitor addressed attended nothing; a title's domain ends before the name", "",
			"Kenyan President William Ruto, on a three-day state visit to Egypt, addressed the Arab League in Cairo and met with Egypt's Minister of Lands and Land Reclamation Karim Mansour.",
			[]string{"person/william-ruto attended event/three-day-state-visit-to-egypt/t.txt", "person/karim-mansour represents country/EG"},
			[]string{"organization/arab-league attended event/three-day-state-visit-to-egypt/t.txt"}},
		{"the one visit an article names, wherever it is described", "",
			"Ghana and Japan signed a grant agreement on Friday during a visit by Japanese Foreign Minister Yoko Tanaka to Accra. The grant will fund two bridges. Officials said work would start in June. Tanaka, who arrived in Accra on Thursday for a two-day visit, also met students.",
			[]string{"agreement/grant-agreement-between-ghana-and-japan/t.txt signedAt event/two-day-visit/t.txt",
				"person/yoko-tanaka attended event/two-day-visit/t.txt"},
			[]string{"agreement/grant-agreement-between-ghana-and-japan/t.txt signedAt event/visit/t.txt"}},
		{"ties raised to a partnership: a relationship, no agreement", "",
			"Vietnamese Prime Minister Pham Minh Chinh and Australian Prime Minister Anthony Albanese announced the upgrade of ties to a comprehensive strategic partnership. The two leaders witnessed the signing of a memorandum of understanding on mineral resources between Vietnam's Ministry of Natural Resources and Environment and Australia's Department of Industry, Science and Resources.",
			[]string{"ministry/ministry-of-natural-resources-and-environment/vn signed agreement/memorandum-of-understanding-on-mineral-resources-between-australia-and-vietnam/t.txt"},
			[]string{"ministry/ministry-of-natural-resources-and-environment/vn signed agreement/comprehensive-strategic-partnership-on-mineral-resources-between-australia-and-vietnam/t.txt"}},
		{"who also attended, the event the sentence before named", "",
			"Leaders opened the Mekong-Lancang Leaders' Meeting in Vientiane on Monday. Thai Prime Minister Anan Wongsa and Cambodian Prime Minister Sok Dara also attended.",
			[]string{"person/anan-wongsa attended event/mekong-lancang-leaders-meeting", "person/sok-dara attended event/mekong-lancang-leaders-meeting"}, nil},
		{"who came for two events", "",
			"Ghanaian President Kofi Mensah arrived in Lima on Wednesday for a state visit to Peru and the 31st APEC Economic Leaders' Meeting.",
			[]string{"person/kofi-mensah attended event/31st-apec-economic-leaders-meeting", "person/kofi-mensah attended event/state-visit-to-peru/t.txt"}, nil},
		{"each agreement singled out of several is one of its own, signed by the several's signers", "2025-06-02",
			"The Japan International Cooperation Agency signed two grant agreements with Ghana in Accra on Monday. The first grant will fund a water treatment plant in Tamale. A separate grant will support feeder roads in the Volta Region.",
			[]string{"ministry/japan-international-cooperation-agency signed agreement/first-grant/t.txt",
				"country/GH signed agreement/separate-grant/t.txt",
				"agreement/first-grant/t.txt signedAt location/accra",
				"agreement/separate-grant/t.txt signedOn 2025-06-02"}, nil},
		{"an envoy stands for the country before the title, not the host after it", "",
			"The grant was signed in Nairobi. U.S. Ambassador to Kenya Mark Lowe and the Ambassador to Ghana Anne Boateng attended the signing.",
			[]string{"person/mark-lowe represents country/US"},
			[]string{"person/mark-lowe represents country/KE", "person/anne-boateng represents country/GH"}},
		{"who signed as witnesses attended the ceremony", "",
			"Kenya and Japan signed a grant agreement at a signing ceremony in Nairobi. Ambassador Mark Lowe and Minister Jane Achieng signed as witnesses to the grant agreement.",
			[]string{"person/mark-lowe attended event/signing-ceremony/t.txt", "person/jane-achieng attended event/signing-ceremony/t.txt"},
			[]string{"person/mark-lowe signed agreement/grant-agreement-between-kenya-and-japan/t.txt"}},
		{"where a visitor was welcomed is no place of the event he came for", "",
			"President Kofi Mensah, who arrived on Sunday to attend the G20 Summit, was accorded a ceremonial welcome at the Rashtrapati Bhavan. Leaders met at the Pan-African Forum, which took place in Accra.",
			[]string{"event/pan-african-forum locatedIn location/accra"},
			[]string{"event/g20-summit locatedIn location/rashtrapati-bhavan"}},
		{"one grant and the other: who signed both signed each", "",
			"The U.S. Trade and Development Agency awarded two grants to Kenya on Monday. One grant was awarded to the Ministry of Water and Sanitation. The other grant was awarded to the Kenya Ports Authority. USTDA Director Jane Doe signed both grants at a ceremony in Nairobi.",
			[]string{"person/jane-doe signed agreement/grant-with-ministry-of-water-and-sanitation/t.txt",
				"person/jane-doe signed agreement/grant-with-kenya-ports-authority/t.txt",
				"agreement/grant-with-kenya-ports-authority/t.txt signedAt location/nairobi"}, nil},
		{"a ceremony attended by someone, with no was", "",
			"Foreign Trade Minister Juan Mathews signed the agreement with Hong Kong's Secretary for Commerce Algernon Yau at a ceremony in Lima attended by President Dina Boluarte.",
			[]string{"person/dina-boluarte attended event/ceremony/t.txt", "person/juan-mathews attended event/ceremony/t.txt"},
			[]string{"country/HK attended event/ceremony/t.txt"}},
		{"the agreement a sentence before, signed by a minister and her counterpart", "",
			"Indonesia and Vietnam on Thursday ratified an agreement on maritime boundaries. The agreement was signed by Indonesian Foreign Minister Retno Marsudi and her Vietnamese counterpart Bui Thanh Son in Hanoi.",
			[]string{"person/retno-marsudi signed agreement/agreement-on-maritime-boundaries/t.txt",
				"person/bui-thanh-son signed agreement/agreement-on-maritime-boundaries/t.txt",
				"country/ID signed agreement/agreement-on-maritime-boundaries/t.txt",
				"country/VN signed agreement/agreement-on-maritime-boundaries/t.txt"}, nil},
		{"one-word parties, one based somewhere", "",
			"Pemex signed a $1.2 billion agreement with Madrid-based Repsol on Tuesday to upgrade the Salina Cruz refinery.",
			[]string{"organization/pemex signed agreement/agreement-between-pemex-and-repsol/t.txt",
				"organization/repsol signed agreement/agreement-between-pemex-and-repsol/t.txt",
				"organization/repsol locatedIn location/madrid"}, nil},
		{"a name the article typed before keeps its type, a seat is a place", "",
			"Mexican state oil company Pemex and Madrid-based Repsol signed a contract. Pemex chief executive Victor Rodriguez spoke.",
			[]string{"person/victor-rodriguez memberOf organization/pemex", "organization/repsol locatedIn location/madrid"},
			[]string{"location/pemex locatedIn country/MX"}},
		{"a body before a clause employs no one", "",
			"Astronomer Ana Costa said the mission went well. In 2021, NASA also collaborated with Ana Costa on a campaign.",
			nil, []string{"person/ana-costa memberOf ministry/nasa"}},
		{"no signing", "",
			"Canada and Mexico agreed to start talks on a trade framework. No agreement was signed.",
			nil, []string{"country/CA signed agreement/framework", "country/MX signed agreement/framework"}},
		{"attendance and membership", "",
			"The United States sent a delegation. The ceremony was attended by Michael Kratsios, the director of the White House Office of Science and Technology Policy.",
			[]string{"person/michael-kratsios attended event/ceremony/t.txt",
				"person/michael-kratsios memberOf ministry/white-house-office-of-science-and-technology-policy",
				"ministry/white-house-office-of-science-and-technology-policy partOf country/US"}, nil},
		{"a body is part of its country only when the article names the country", "",
			"Officials of the White House Office of Science and Technology Policy spoke.",
			nil, []string{"ministry/white-house-office-of-science-and-technology-policy partOf country/US"}},
		{"several agreements, each with its parties", "",
			"The National Research Council (NRC), under the Ministry of Science and Technology, signed a memorandum of understanding with Acme Devices, Inc. to boost chip design and development in Chile.\n" +
				"The NRC also signed an MoU with Andes State University to develop the chip workforce in Chile, while the Ministry of Education signed an MoU with Initech to enhance human resources for Chile's high-tech sector.",
			[]string{"ministry/national-research-council signed agreement/memorandum-of-understanding-between-national-research-council-and-acme-devices-inc/t.txt",
				"organization/acme-devices-inc signed agreement/memorandum-of-understanding-between-national-research-council-and-acme-devices-inc/t.txt",
				"ministry/national-research-council signed agreement/mou-between-national-research-council-and-andes-state-university/t.txt",
				"organization/andes-state-university signed agreement/mou-between-national-research-council-and-andes-state-university/t.txt",
				"ministry/ministry-of-education signed agreement/mou-between-ministry-of-education-and-initech/t.txt",
				"organization/initech signed agreement/mou-between-ministry-of-education-and-initech/t.txt"},
			[]string{"ministry/ministry-of-science-and-technology signed agreement/memorandum-of-understanding-between-national-research-council-and-acme-devices-inc/t.txt",
				"country/CL signed agreement/mou-between-national-research-council-and-andes-state-university/t.txt"}},
		{"officials of two countries sign", "2025-06-02",
			"Foreign Minister Ana Lucia Ferreira of Brazil and Foreign Minister Jonas Berg of Norway signed a memorandum of understanding on clean energy in Oslo on Monday.",
			[]string{"person/ana-lucia-ferreira signed agreement/memorandum-of-understanding-on-clean-energy-between-brazil-and-norway/t.txt",
				"person/jonas-berg signed agreement/memorandum-of-understanding-on-clean-energy-between-brazil-and-norway/t.txt",
				"country/BR signed agreement/memorandum-of-understanding-on-clean-energy-between-brazil-and-norway/t.txt",
				"country/NO signed agreement/memorandum-of-understanding-on-clean-energy-between-brazil-and-norway/t.txt",
				"person/ana-lucia-ferreira represents country/BR", "person/jonas-berg represents country/NO",
				"agreement/memorandum-of-understanding-on-clean-energy-between-brazil-and-norway/t.txt signedAt location/oslo",
				"agreement/memorandum-of-understanding-on-clean-energy-between-brazil-and-norway/t.txt signedOn 2025-06-02"}, nil},
		{"a body under a ministry, a party that also signed", "",
			"The Ministry of Interior signed an agreement with the Government of Karnataka on mining safety. The U.K. Treasury also signed. The Bureau of Mines, under the Ministry of Interior, will oversee the work.",
			[]string{"ministry/bureau-of-mines partOf ministry/ministry-of-interior",
				"ministry/uk-treasury signed agreement/agreement-between-ministry-of-interior-and-government-of-karnataka/t.txt",
				"ministry/government-of-karnataka signed agreement/agreement-between-ministry-of-interior-and-government-of-karnataka/t.txt"}, nil},
		{"who attended what", "",
			"Indian Prime Minister Narendra Modi attended the 31st ASEAN Summit and held a bilateral meeting with Japanese Prime Minister Shigeru Ishiba on the sidelines of the summit. The signing ceremony was attended by Ana Costa; Lee Min-ho; and Jonas Berg.",
			[]string{"person/narendra-modi attended event/31st-asean-summit",
				"person/shigeru-ishiba attended event/bilateral-meeting/t.txt",
				"event/bilateral-meeting/t.txt partOf event/31st-asean-summit",
				"person/jonas-berg attended event/signing-ceremony/t.txt"},
			[]string{"person/shigeru-ishiba attended event/signing-ceremony/t.txt"}},
		{"a party described in lower case, a business forum", "",
			"Toyota Tsusho Corp. signed a contract with state-owned PetroVietnam to supply gas. The two leaders later attended a business forum in Hanoi.",
			[]string{"organization/petrovietnam signed agreement/contract-between-toyota-tsusho-corp-and-petrovietnam/t.txt",
				"event/business-forum/t.txt locatedIn location/hanoi"}, nil},
		{"signers for their sides and documents exchanged", "2025-07-15",
			"India and the UAE signed a memorandum of understanding on trade settlement in Abu Dhabi on Saturday. Reserve Bank of India Governor Anil Mehra and Central Bank of the UAE Governor Omar Saeed exchanged the documents. Mehra signed for the Indian side.",
			[]string{"person/anil-mehra signed agreement/memorandum-of-understanding-on-trade-settlement-between-india-and-united-arab-emirates/t.txt",
				"person/omar-saeed signed agreement/memorandum-of-understanding-on-trade-settlement-between-india-and-united-arab-emirates/t.txt",
				"person/anil-mehra memberOf organization/reserve-bank-of-india"},
			[]string{"country/US signed agreement/memorandum-of-understanding-on-trade-settlement-between-india-and-united-arab-emirates/t.txt"}},
		{"after an event, its participants; a ministry many countries have", "",
			"Chilean Foreign Minister Ana Rojas and her Peruvian counterpart Luis Soto signed the declaration at the palace after a meeting with President Gabriel Boric, Chile's Foreign Ministry said.",
			[]string{"person/ana-rojas signed agreement/declaration-between-chile-and-peru/t.txt",
				"person/gabriel-boric attended event/meeting/t.txt",
				"ministry/foreign-ministry/cl partOf country/CL"},
			[]string{"person/gabriel-boric signed agreement/declaration-between-chile-and-peru/t.txt"}},
		{"several agreements and the ones a list names, each with its own topic", "",
			"Ghana and Peru signed five agreements on Monday, including a memorandum of understanding on energy cooperation and an agreement on tourism, during a visit to Accra.",
			[]string{"country/GH signed agreement/agreements-between-ghana-and-peru/t.txt",
				"country/PE signed agreement/memorandum-of-understanding-on-energy-cooperation-between-ghana-and-peru/t.txt",
				"country/GH signed agreement/agreement-on-tourism-between-ghana-and-peru/t.txt",
				"agreement/memorandum-of-understanding-on-energy-cooperation-between-ghana-and-peru/t.txt coversSector sector/energy"},
			[]string{"agreement/agreement-on-tourism-between-ghana-and-peru/t.txt coversSector sector/energy"}},
		{"a headline's parties sign the body's agreements that name none", "",
			"Kenya, Japan sign deals on energy and ports\n\nKenyan President William Otieno and Japanese Prime Minister Kenji Sato met in Nairobi on Monday and oversaw the signing of four memorandums of understanding.",
			[]string{"country/KE signed agreement/memorandums-of-understanding-on-energy-and-ports-between-japan-and-kenya/t.txt",
				"country/JP signed agreement/memorandums-of-understanding-on-energy-and-ports-between-japan-and-kenya/t.txt"}, nil},
		{"signed by a body's officer: the officer and the body", "",
			"Kenya and Ghana signed an agreement on gas. The agreement was signed in Accra by KenGen chief Wanjiru Njoroge and Ghana Gas Director General Karim Mansour.",
			[]string{"person/wanjiru-njoroge signed agreement/agreement-on-gas-between-kenya-and-ghana/t.txt",
				"organization/kengen signed agreement/agreement-on-gas-between-kenya-and-ghana/t.txt"}, nil},
		{"an agreement noun inside another's topic is no agreement of its own", "",
			"Ghanaian President John Asare and Kenyan President Ruth Wambui signed a joint declaration on strategic partnership and a treaty on maritime boundaries during a state visit to Accra.",
			[]string{"person/john-asare signed agreement/joint-declaration-on-strategic-partnership-between-ghana-and-kenya/t.txt",
				"country/KE signed agreement/treaty-on-maritime-boundaries-between-ghana-and-kenya/t.txt"}, nil},
		{"a company the article named before heads a title", "",
			"State miner Anglo Mines and lithium producer Lithica signed a partnership agreement. Anglo Mines Chairman Peter Otieno signed for his company.",
			[]string{"person/peter-otieno memberOf organization/anglo-mines"}, nil},
		{"a delegation to an event, a community of states", "",
			"Kofi Boateng, who led the Ghanaian delegation to the Accra Energy Forum, praised the deal. The forum was attended by officials of the East African Community.",
			[]string{"person/kofi-boateng attended event/accra-energy-forum",
				"organization/east-african-community attended event/accra-energy-forum"}, nil},
		{"a company without its legal forms, before a title and a speech verb", "",
			"State oil firm PT Sumber Energi and Japanese trader Kanto Co., Inc. signed a supply agreement, Sumber Energi said on Monday. Sumber Energi President Director Adi Santoso and Kanto CEO Hiro Ito signed the deal in Tokyo.",
			[]string{"organization/pt-sumber-energi signed agreement/supply-agreement-between-pt-sumber-energi-and-kanto-co-inc/t.txt",
				"person/adi-santoso memberOf organization/pt-sumber-energi",
				"person/hiro-ito memberOf organization/kanto-co-inc"}, nil},
		{"the signing told of before, a letter of intent", "",
			"HANOI (VNA) - Vietnam and the Philippines signed a memorandum of understanding on rice trade in Hanoi on Monday. The signing took place on the sidelines of the ASEAN Economic Ministers Meeting. " +
				"The Vietnam Food Association (VFA) and the Philippine National Food Authority (NFA) also exchanged a letter of intent on rice procurement.",
			[]string{"agreement/memorandum-of-understanding-on-rice-trade-between-vietnam-and-philippines/t.txt signedAt event/asean-economic-ministers-meeting",
				"organization/vietnam-food-association signed agreement/letter-of-intent-on-rice-procurement-between-vietnam-food-association-and-philippine-national-food-authority/t.txt"}, nil},
		{"each signer on behalf of the country after them", "",
			"India and Saudi Arabia signed a memorandum of understanding on power. The MoU was signed in Riyadh by Minister of Power Ravi Kumar on behalf of the Government of India and Saudi Energy Minister Prince Faisal bin Khalid on behalf of the Kingdom of Saudi Arabia.",
			[]string{"person/ravi-kumar represents country/IN", "person/faisal-bin-khalid represents country/SA"},
			[]string{"person/ravi-kumar represents country/SA", "person/faisal-bin-khalid represents country/IN"}},
		{"a memorandum with a topic, a name of a person named before", "",
			"Peru and Chile signed five agreements on Monday, among them an accord on local-currency trade and a memorandum on natural gas supplies. Peruvian President Luis Arce Mendoza met Chilean President Ana Rivas. The talks drew an explanatory memorandum. Arce later addressed a business forum in Lima.",
			[]string{"country/PE signed agreement/memorandum-on-natural-gas-supplies-between-peru-and-chile/t.txt",
				"agreement/memorandum-on-natural-gas-supplies-between-peru-and-chile/t.txt coversSector sector/energy",
				"person/luis-arce-mendoza attended event/business-forum/t.txt"},
			[]string{"agreement/accord-on-local-currency-trade-between-peru-and-chile/t.txt coversSector sector/energy"}},
		{"signed during a titled person's visit", "",
			"During Kenyan President Ruth Wambui's state visit to Ghana on Monday, the two nations signed five new bilateral agreements.",
			[]string{"agreement/bilateral-agreements-between-ghana-and-kenya/t.txt signedAt event/ruth-wambuis-state-visit-to-ghana/t.txt"}, nil},
		{"people who met, and the meeting the next sentence names", "",
			"Foreign Minister Ana Rojas of Chile and Foreign Minister Luis Soto of Peru met on 3 May in Lima. During the meeting, the two ministers agreed to expand trade. They met the targets set in 2020.",
			[]string{"person/ana-rojas attended event/meeting/t.txt", "person/luis-soto attended event/meeting/t.txt",
				"event/meeting/t.txt locatedIn location/lima"}, nil},
		{"announced by", "",
			"A new agreement on port logistics is part of shared measures announced by Kenya and Ghana today.",
			[]string{"country/KE announced agreement/agreement-on-port-logistics/t.txt", "country/GH announced agreement/agreement-on-port-logistics/t.txt"}, nil},
		{"a company's short name, a witness of the signing, two firms that are no countries", "",
			"Mexican state oil company Petroleos Mexicanos (Pemex) and Colombia's Ecopetrol signed a memorandum of understanding on refining, the two firms said. Pemex Chief Executive Victor Rodriguez and Ecopetrol President Ricardo Roa signed the MoU in Mexico City. Mexican Energy Minister Rocio Nahle, who attended the signing, said the pact would strengthen ties between the two Latin American producers.",
			[]string{"person/victor-rodriguez memberOf organization/petroleos-mexicanos",
				"organization/petroleos-mexicanos signed agreement/memorandum-of-understanding-on-refining-between-petroleos-mexicanos-and-ecopetrol/t.txt"},
			[]string{"person/rocio-nahle signed agreement/memorandum-of-understanding-on-refining-between-petroleos-mexicanos-and-ecopetrol/t.txt",
				"country/MX signed agreement/memorandum-of-understanding-on-refining-between-petroleos-mexicanos-and-ecopetrol/t.txt"}},
		{"the parties after a listed member are the member's", "",
			"Ghanaian President John Asare and his Kenyan counterpart Ruth Wambui on Tuesday witnessed the signing of 12 cooperation documents in Accra, including a memorandum of understanding between the Ghana Ports Authority and the Kenya Ports Authority on port training.",
			[]string{"ministry/ghana-ports-authority signed agreement/memorandum-of-understanding-between-ghana-ports-authority-and-kenya-ports-authority/t.txt"},
			[]string{"ministry/ghana-ports-authority signed agreement/cooperation-documents-between-ghana-ports-authority-and-kenya-ports-authority/t.txt",
				"ministry/ghana-ports-authority signed agreement/12-cooperation-documents/t.txt"}},
		{"two listed agreements of the same parties stay two, each with its own sectors", "",
			"Ghana and Peru signed ten agreements on Wednesday, including a bilateral investment treaty and a pact on energy cooperation. The finance ministry said the investment treaty would boost trade.",
			[]string{"country/GH signed agreement/bilateral-investment-treaty-between-ghana-and-peru/t.txt",
				"country/PE signed agreement/pact-on-energy-cooperation-between-ghana-and-peru/t.txt",
				"agreement/bilateral-investment-treaty-between-ghana-and-peru/t.txt coversSector sector/finance",
				"agreement/pact-on-energy-cooperation-between-ghana-and-peru/t.txt coversSector sector/energy"},
			[]string{"agreement/bilateral-investment-treaty-between-ghana-and-peru/t.txt coversSector sector/energy",
				"agreement/pact-on-energy-cooperation-between-ghana-and-peru/t.txt coversSector sector/finance"}},
		{"a memorandum of cooperation; signed in a place by people named later", "",
			"Today, Ghanaian Minister of Mines Kofi Asare and Peru's Minister of Energy Ana Quispe signed a Memorandum of Cooperation on critical minerals in Lima. " +
				"Nigeria and Germany have signed a Statement of Intent on hydrogen. The document was signed in Berlin by the Minister of Power, Adebayo Musa, and the German State Secretary for Economic Affairs, Franziska Braun.",
			[]string{"person/kofi-asare signed agreement/memorandum-of-cooperation-on-critical-minerals-between-ghana-and-peru/t.txt",
				"country/PE signed agreement/memorandum-of-cooperation-on-critical-minerals-between-ghana-and-peru/t.txt",
				"person/adebayo-musa signed agreement/statement-of-intent/t.txt", "person/franziska-braun signed agreement/statement-of-intent/t.txt"}, nil},
		{"agreement kinds written with capitals, implementing arrangements, and arrangements that are none", "",
			"A Grant Agreement was signed between the Japan International Cooperation Agency and the Government of Ghana. Ghana and Peru signed an implementing arrangement on fisheries in Lima. The two sides made arrangements to meet again.",
			[]string{"ministry/japan-international-cooperation-agency signed agreement/grant-agreement-between-japan-international-cooperation-agency-and-ghana/t.txt",
				"country/PE signed agreement/implementing-arrangement-on-fisheries-between-ghana-and-peru/t.txt"}, nil},
		{"entered into, initialled", "",
			"Acme Mining Ltd entered into an agreement with Peru on fisheries on Monday. Ghana and Togo initialled a treaty on their border.",
			[]string{"organization/acme-mining-ltd signed agreement/agreement-between-acme-mining-ltd-and-peru/t.txt",
				"country/TG signed agreement/treaty-between-ghana-and-togo/t.txt"}, nil},
		{"present at, opened, drew; a seat said after the name", "",
			"Kenyan President Ruth Wambui was present at the Africa Climate Summit in Nairobi. The Lake Forum in Kisumu drew Ghanaian President John Asare. Peruvian President Ana Rojas opened the Andes Summit in Lima. Acme Mining Ltd, headquartered in Lima, signed the deal.",
			[]string{"person/ruth-wambui attended event/africa-climate-summit", "person/john-asare attended event/lake-forum",
				"person/ana-rojas attended event/andes-summit", "organization/acme-mining-ltd locatedIn location/lima"}, nil},
		{"who heads a body, from a body", "",
			"Ana Rojas, who heads the Peruvian Mining Agency, welcomed the deal. Luis Soto from the Ministry of Energy agreed. Kofi Asare met with the Ministry of Energy.",
			[]string{"person/ana-rojas memberOf ministry/peruvian-mining-agency", "person/luis-soto memberOf ministry/ministry-of-energy"},
			[]string{"person/kofi-asare memberOf ministry/ministry-of-energy"}},
		{"the signing by ministers in lower case, a co-witness, talks between leaders", "",
			"Ghana and Chile signed a defence treaty on Monday after talks between President Kofi Mensah and President Ana Rivas. The two presidents witnessed the signing by defence ministers Ama Owusu and Pedro Lagos. Ghanaian Trade Minister Yaw Darko witnessed the signing alongside Chilean Energy Minister Rosa Tapia.",
			[]string{"person/ama-owusu signed agreement/defence-treaty-between-ghana-and-chile/t.txt",
				"person/pedro-lagos signed agreement/defence-treaty-between-ghana-and-chile/t.txt"},
			[]string{"person/kofi-mensah signed agreement/defence-treaty-between-ghana-and-chile/t.txt",
				"person/rosa-tapia signed agreement/defence-treaty-between-ghana-and-chile/t.txt"}},
		{"signed the document in a ceremony, the signing took place", "",
			"Peru and Kenya signed a memorandum of understanding on mining in Lima on Friday. Minister Ana Rojas and her Kenyan counterpart Peter Otieno signed the document, which covers copper and gold. The signing took place on the sidelines of the Andes Mining Forum. Chile and Ghana signed the Port Accord in a ceremony in Accra.",
			[]string{"person/ana-rojas signed agreement/memorandum-of-understanding-on-mining-between-peru-and-kenya/t.txt",
				"agreement/memorandum-of-understanding-on-mining-between-peru-and-kenya/t.txt signedAt event/andes-mining-forum",
				"agreement/port-accord signedAt event/ceremony/t.txt"}, nil},
		{"a visit by someone", "",
			"Morocco and France signed 22 agreements during a state visit by French President Jean Morel.",
			[]string{"person/jean-morel attended event/state-visit/t.txt"}, nil},
		{"who arrived for a visit, who was on one; a country one is in attends nothing", "",
			"Kenyan President Ruth Wambui arrived in Lima on Tuesday for a two-day visit. Rwandan Foreign Minister Paul Nkusi, who was on an official visit to Accra, met the press. Ghanaian President Kofi Mensah is in Peru for a working visit and to attend the Andes Summit.",
			[]string{"person/ruth-wambui attended event/two-day-visit/t.txt",
				"person/paul-nkusi attended event/official-visit-to-accra/t.txt", "person/kofi-mensah attended event/andes-summit"},
			[]string{"country/PE attended event/andes-summit", "country/PE attended event/working-visit/t.txt"}},
		{"a session of a commission, the two-day summit, a meeting on the sidelines said first, who came for a forum", "",
			"Kenya and Oman signed five agreements in Dar es Salaam during the third session of the Kenya-Oman Joint Commission, co-chaired by Kenyan Foreign Minister Ruth Wambui and Omani Foreign Minister Said Al Harthy. " +
				"Ghanaian President Kofi Mensah joined other leaders at the 17th Andes Summit in Lima. The two-day summit was hosted by Peruvian President Ana Rojas. " +
				"On the sidelines of the summit, Mensah held a bilateral meeting with Rojas. Chilean President Luis Soto arrived in Lima on Monday for the Pacific Business Forum.",
			[]string{"agreement/agreements-between-kenya-and-oman/t.txt signedAt event/third-session-of-the-kenya-oman-joint-commission",
				"agreement/agreements-between-kenya-and-oman/t.txt signedAt location/dar-es-salaam",
				"person/ruth-wambui attended event/third-session-of-the-kenya-oman-joint-commission",
				"person/ana-rojas attended event/17th-andes-summit",
				"event/bilateral-meeting/t.txt partOf event/17th-andes-summit",
				"person/luis-soto attended event/pacific-business-forum"}, nil},
		{"a headline's event is the body's numbered one; a Lao counterpart", "",
			"Leaders gather for Mekong summit\n\nVietnamese Prime Minister Pham Minh Chinh and his Lao counterpart Sonexay Siphandone attended the 4th Mekong Summit in Vientiane.",
			[]string{"person/sonexay-siphandone represents country/LA", "person/sonexay-siphandone attended event/4th-mekong-summit"},
			[]string{"person/sonexay-siphandone attended event/mekong-summit"}},
		{"a listed member introduced with its own parties is an agreement of its own", "",
			"Ghana and Peru signed 14 cooperation documents on Monday. Among them were an agreement on port construction and a memorandum of understanding between the Ghana Power Company and the Peru Grid Corporation on power purchases.",
			[]string{"organization/ghana-power-company signed agreement/memorandum-of-understanding-between-ghana-power-company-and-peru-grid-corporation/t.txt",
				"organization/peru-grid-corporation signed agreement/memorandum-of-understanding-between-ghana-power-company-and-peru-grid-corporation/t.txt"},
			[]string{"organization/ghana-power-company signed agreement/agreement-on-port-construction/t.txt"}},
		{"a venue in its city, a company located in a town, a seat and a purpose that are no signing place, a memorandum signed", "",
			"Chile and Ghana signed three agreements at the Marriott Hotel in Accra. The Atlantic Port Company, located in Takoradi, also signed a separate memorandum with the Peru Port Authority. " +
				"Kenya Gas Co., based in Mombasa, and Ghana Oil Corp. signed a letter of intent to build a refinery in Tema.",
			[]string{"location/marriott-hotel locatedIn location/accra",
				"ministry/peru-port-authority signed agreement/memorandum-between-atlantic-port-company-and-peru-port-authority/t.txt",
				"organization/atlantic-port-company locatedIn location/takoradi",
				"organization/kenya-gas-co locatedIn location/mombasa"},
			[]string{"agreement/letter-of-intent-between-kenya-gas-co-and-ghana-oil-corp/t.txt signedAt location/mombasa",
				"agreement/letter-of-intent-between-kenya-gas-co-and-ghana-oil-corp/t.txt signedAt location/tema"}},
		{"who spoke at an event, whose participation it was", "",
			"\"We are ready,\" President Ana Rojas stated during the signing ceremony. Speaking at the Lima Energy Forum, Kenyan Energy Minister Peter Otieno said gas prices would fall. " +
				"Ghanaian President Kofi Mensah's visit to Peru follows his participation in the Andes Summit.",
			[]string{"person/ana-rojas attended event/signing-ceremony/t.txt", "person/peter-otieno attended event/lima-energy-forum",
				"person/kofi-mensah attended event/andes-summit"}, nil},
		{"government-release style: people sign, the signing took place during a titled visitor's visit, a purpose that is no project", "2025-03-03",
			"United States, Peru sign minerals MoU\n\nToday, Secretary of State Ana Rojas and Peruvian Foreign Minister Luis Soto signed a Memorandum of Understanding to strengthen cooperation on critical minerals in Washington. " +
				"The MOU establishes a framework for the two governments. The signing took place during the Foreign Minister's official visit to Washington.",
			[]string{"agreement/memorandum-of-understanding-between-peru-and-united-states/t.txt signedAt location/washington",
				"agreement/memorandum-of-understanding-between-peru-and-united-states/t.txt signedAt event/official-visit-to-washington/t.txt",
				"person/ana-rojas signed agreement/memorandum-of-understanding-between-peru-and-united-states/t.txt"}, nil},
		{"an ambassador to a country signs, leaders listed under one plural title, a sector in its own clause", "",
			"The agreement on port logistics was signed in Tokyo by the Kenyan Ambassador to Japan, Ruth Wambui, and Japanese Minister for Foreign Affairs Kenji Sato. " +
				"It builds on the Nairobi Accord, agreed by Prime Ministers Ana Rojas and Kofi Mensah. " +
				"Acme Mining Ltd signed an agreement with Andes Power on hydrogen, while Kenya Gas Co. signed a memorandum of understanding with Peru Oil Corp.",
			[]string{"person/ruth-wambui signed agreement/agreement-on-port-logistics-between-kenya-and-japan/t.txt",
				"person/kenji-sato signed agreement/agreement-on-port-logistics-between-kenya-and-japan/t.txt",
				"person/ana-rojas signed agreement/nairobi-accord", "person/kofi-mensah signed agreement/nairobi-accord",
				"agreement/agreement-between-acme-mining-ltd-and-andes-power/t.txt coversSector sector/clean-energy"},
			[]string{"agreement/memorandum-of-understanding-between-kenya-gas-co-and-peru-oil-corp/t.txt coversSector sector/clean-energy"}},
		{"two people each of their own party, listed with and", "",
			"Councillors Ann Chiang of DAB and Priscilla Leung of BPA were re-elected.",
			[]string{"person/priscilla-leung memberOf organization/bpa", "person/ann-chiang memberOf organization/dab"},
			[]string{"person/priscilla-leung memberOf organization/dab"}},
		{"a titled name and a second name, a bare title in apposition, a company in apposition with its seat, a spokesperson for a body", "",
			"The agreement was signed by Kenya's Energy Cabinet Secretary Opiyo Wandayi and Rashid Al Mansoori, the UAE's Minister of Energy and Infrastructure. " +
				"Sunrays, the Abu Dhabi-based renewable energy company, will build the plant, Sunrays chief executive Omar Haddad said. " +
				"A spokesperson for the Kenya Power and Lighting Company, Peter Njenga, said the utility would buy the power.",
			[]string{"person/opiyo-wandayi represents country/KE", "person/rashid-al-mansoori represents country/AE",
				"organization/sunrays locatedIn location/abu-dhabi", "person/omar-haddad memberOf organization/sunrays",
				"person/peter-njenga memberOf organization/kenya-power-and-lighting-company"},
			[]string{"person/rashid-al-mansoori represents country/KE", "organization/infrastructure signed agreement/agreement-between-kenya-and-united-arab-emirates/t.txt"}},
		{"documents exchanged, a counterpart set off by commas, leaders who presided, talks in a city between two, a palace named before its head", "",
			"Kenya and Peru on Friday signed a defence agreement in Nairobi. The documents were exchanged at a ceremony at the State House. " +
				"The agreement was sealed by Kenyan Defence Minister Ruth Wambui and her Peruvian counterpart, Luis Soto, during the 10th Binational Cabinet meeting. " +
				"Kenyan President Kofi Otieno presided over the meeting at the Casa de Nariño presidential palace. " +
				"Ghana and Chile agreed to reopen the border following talks in Accra between Ghanaian Foreign Minister Ama Owusu and Chilean Foreign Minister Pedro Lagos.",
			[]string{"agreement/defence-agreement-between-kenya-and-peru/t.txt signedAt event/ceremony/t.txt",
				"person/luis-soto signed agreement/defence-agreement-between-kenya-and-peru/t.txt",
				"person/kofi-otieno attended event/10th-binational-cabinet-meeting",
				"event/10th-binational-cabinet-meeting locatedIn location/casa-de-narino",
				"person/ama-owusu attended event/talks/t.txt", "person/pedro-lagos attended event/talks/t.txt"},
			[]string{"event/10th-binational-cabinet-meeting locatedIn location/narino"}},
		{"a topic with names inside it", "",
			"Kenya and Peru signed an agreement on the Indian Ocean submarine cable project on Monday.",
			[]string{"country/KE signed agreement/agreement-on-the-indian-ocean-submarine-cable-project-between-kenya-and-peru/t.txt"}, nil},
		{"who witnessed a signing, in whose presence it was", "",
			"Kenya and Peru signed a trade agreement at the Lima Business Forum in the presence of President Ana Rojas and Prime Minister Kofi Otieno. " +
				"Ghana and Chile signed an energy pact at the Accra Energy Summit. Chilean President Luis Soto and Ghanaian President Ama Owusu witnessed the signing.",
			[]string{"person/ana-rojas attended event/lima-business-forum", "person/kofi-otieno attended event/lima-business-forum",
				"person/luis-soto attended event/accra-energy-summit", "person/ama-owusu attended event/accra-energy-summit"},
			[]string{"person/ana-rojas signed agreement/trade-agreement-between-kenya-and-peru/t.txt"}},
		{"the government a demonym names signs, a reporter at the sentence's end announced, a titled name of a department", "",
			"Ghana's Volta Group and the Ethiopian government signed an agreement on Monday to build a fertilizer plant. " +
				"Japan and Peru signed a loan agreement for the Lima Metro, the Japan Development Agency (JDA) announced. " +
				"Transportation Secretary Ana Rojas of the Department of Transportation also attended.",
			[]string{"country/ET signed agreement/agreement-between-volta-group-and-ethiopia/t.txt",
				"ministry/japan-development-agency announced agreement/loan-agreement-between-japan-and-peru/t.txt",
				"person/ana-rojas memberOf ministry/department-of-transportation"}, nil},
		{"a visit by a titled Vietnamese name, the exchange of memorandums", "",
			"Kenya and Vietnam upgraded ties during a visit by Vietnamese Communist Party General Secretary To Lam. " +
				"President Ruth Wambui and Mr Lam witnessed the exchange of four memorandums of understanding at the State House in Nairobi.",
			[]string{"person/to-lam attended event/visit/t.txt",
				"agreement/four-memorandums-of-understanding/t.txt signedAt location/state-house"},
			[]string{"organization/communist-party attended event/visit/t.txt"}},
		{"a project's description is no party", "",
			"Kenya and Uganda signed a memorandum of understanding on the Northern Corridor project, a rail link between Uganda's Kasese Mining and Kenya's coast.",
			[]string{"country/UG signed agreement/memorandum-of-understanding-on-the-northern-corridor-project-between-kenya-and-uganda/t.txt"},
			[]string{"organization/kasese-mining signed agreement/memorandum-of-understanding-on-the-northern-corridor-project-between-kenya-and-uganda/t.txt"}},
		{"a signing that names no party: the article's two countries", "",
			"Kenya and Vietnam upgraded their ties on Monday. President Ruth Wambui and Mr To Lam witnessed the exchange of four memorandums of understanding on trade. " +
				"Kenya and Vietnam will meet again in 2026.",
			[]string{"country/KE signed agreement/four-memorandums-of-understanding-on-trade/t.txt",
				"country/VN signed agreement/four-memorandums-of-understanding-on-trade/t.txt"},
			[]string{"person/ruth-wambui signed agreement/four-memorandums-of-understanding-on-trade/t.txt"}},
		{"a person and a body joined by and, a country whose envoy attended", "",
			"Kenya and Ethiopia signed a power deal. The deal was signed by Kenya Power managing director Joseph Siror and Ethiopian Electric Power chief executive Ashebir Balcha. " +
				"Kenya's envoy to Ethiopia, George Orina, attended the signing ceremony.",
			[]string{"person/joseph-siror signed agreement/power-deal-between-kenya-and-ethiopia/t.txt",
				"organization/ethiopian-electric-power signed agreement/power-deal-between-kenya-and-ethiopia/t.txt",
				"person/george-orina attended event/signing-ceremony/t.txt"},
			[]string{"country/KE attended event/signing-ceremony/t.txt"}},
		{"a listed member's parties with of and and in their names", "",
			"Ghana and Peru signed 14 cooperation documents. Among them were an agreement on ports and a memorandum of understanding between the Ghana Power Company and the Bank of Ghana, and a memorandum of understanding between the Ministry of Trade and Industry and Acme Ltd.",
			[]string{"organization/bank-of-ghana signed agreement/memorandum-of-understanding-between-ghana-power-company-and-bank-of-ghana/t.txt",
				"organization/acme-ltd signed agreement/memorandum-of-understanding-between-ministry-of-trade-and-industry-and-acme-ltd/t.txt"}, nil},
		{"a headline's plural is the body's several, parties with their acronyms, a company's name ends at its legal form", "",
			"Ghana, Peru sign agreements on energy and food\n\nPresident Kofi Mensah and President Ana Rojas witnessed the exchange of several memoranda of understanding in Accra. " +
				"The agreements included an MoU between the Ghana National Oil Company (GNOC) and Peru Oil Corporation Limited (POCL) on gas supply, and an agreement between Volta Power Corporation and Andes Energy Limited on power.",
			[]string{"organization/peru-oil-corporation-limited signed agreement/mou-between-ghana-national-oil-company-and-peru-oil-corporation-limited/t.txt",
				"organization/andes-energy-limited signed agreement/agreement-between-volta-power-corporation-and-andes-energy-limited/t.txt",
				"country/GH signed agreement/agreements-on-energy-and-food/t.txt"},
			[]string{"country/GH signed agreement/agreements-on-energy-and-food-between-volta-power-corporation-and-andes-energy-limited/t.txt"}},
		{"where a person visits is where the article's one visit was", "",
			"Foreign Secretary Ana Rojas visits Nairobi to sign port deals\n\nDuring the visit, Rojas met Kenyan President Ruth Wambui.",
			[]string{"event/visit/t.txt locatedIn location/nairobi"}, nil},
		{"a passive signing after a relative clause; two companies, the second opened by a country; a purpose's place", "",
			"Kenya and Ghana signed a trade agreement on Monday. The agreement, which covers farm exports, was signed at the Kenyatta International Convention Centre, officials said. " +
				"Kenya Power and Ghana Grid Company also signed a letter of intent to study a joint venture in Tamale.",
			[]string{"agreement/trade-agreement-between-kenya-and-ghana/t.txt signedAt location/kenyatta-international-convention-centre",
				"organization/kenya-power signed agreement/letter-of-intent-between-kenya-power-and-ghana-grid-company/t.txt",
				"organization/ghana-grid-company signed agreement/letter-of-intent-between-kenya-power-and-ghana-grid-company/t.txt"},
			[]string{"agreement/letter-of-intent-between-kenya-power-and-ghana-grid-company/t.txt signedAt location/tamale"}},
		{"the person talks are held with attends them", "",
			"Kenyan President William Ruto held talks with visiting Ghanaian President John Mahama in Nairobi on Monday.",
			[]string{"person/william-ruto attended event/talks/t.txt", "person/john-mahama attended event/talks/t.txt"}, nil},
		{"a topic ends before when; an office-holder's office; companies one by its head, one by its legal form; a training purpose's place", "",
			"India and Japan on Friday inked a memorandum of cooperation on semiconductors after talks in Tokyo. " +
				"External Affairs Minister S Jaishankar and Foreign Minister Takeshi Iwaya exchanged the documents at the Prime Minister's Office. " +
				"Tata Electronics and Tokyo Electron Ltd signed a separate agreement to train engineers in Gujarat.",
			[]string{"country/IN signed agreement/memorandum-of-cooperation-on-semiconductors-between-india-and-japan/t.txt",
				"organization/tata-electronics signed agreement/agreement-between-tata-electronics-and-tokyo-electron-ltd/t.txt",
				"organization/tokyo-electron-ltd signed agreement/agreement-between-tata-electronics-and-tokyo-electron-ltd/t.txt"},
			[]string{"agreement/agreement-between-tata-electronics-and-tokyo-electron-ltd/t.txt signedAt location/gujarat"}},
		{"an agreement that enters into force is signed by no one; a qualifier is no body's field", "",
			"Kenya and the EU signed an economic partnership agreement on Monday. Ursula von der Leyen, President of the European Commission, welcomed it. The European Parliament must give its consent before the agreement enters into force.",
			[]string{"person/ursula-von-der-leyen memberOf organization/european-commission"},
			[]string{"organization/european-parliament signed agreement/economic-partnership-agreement-between-kenya-and-european-union/t.txt",
				"person/ursula-von-der-leyen memberOf organization/european-parliament"}},
		{"a headline's agreement is the body's whose people speak for its parties and whose sentence echoes it; a cited statement is none", "",
			"Brazil and Chile sign corridor accord\n\nBrazilian President Luiz Inacio Lula da Silva and Chilean President Gabriel Boric signed on Tuesday an agreement to build a road corridor. " +
				"Brazil's Foreign Minister Mauro Vieira and Chile's Foreign Minister Alberto van Klaveren also signed a memorandum on consular cooperation, according to a joint statement.",
			[]string{"country/BR signed agreement/corridor-accord-between-brazil-and-chile/t.txt",
				"person/gabriel-boric signed agreement/corridor-accord-between-brazil-and-chile/t.txt",
				"person/mauro-vieira signed agreement/memorandum-on-consular-cooperation-between-brazil-and-chile/t.txt"},
			[]string{"person/mauro-vieira signed agreement/corridor-accord-between-brazil-and-chile/t.txt"}},
		{"the gathering an article names is its meeting; who pledged in another clause signed nothing there", "",
			"Leaders opened the Africa Climate Summit in Nairobi on Monday. Ethiopian Prime Minister Abiy Ahmed also attended the three-day meeting. " +
				"On the sidelines of the summit, the United Arab Emirates pledged $4.5 billion for projects in Africa, and Masdar signed an agreement with Kenya's Ministry of Energy to develop a wind farm.",
			[]string{"person/abiy-ahmed attended event/africa-climate-summit",
				"organization/masdar signed agreement/agreement-between-masdar-and-ministry-of-energy/t.txt"},
			[]string{"country/AE signed agreement/agreement-between-masdar-and-ministry-of-energy/t.txt",
				"agreement/agreement-between-masdar-and-ministry-of-energy/t.txt signedAt location/africa"}},
		{"a title before a body, its acronym and the name set off by commas", "",
			"The Group Chief Executive Officer of the Nigerian National Petroleum Company Limited (NNPC Ltd), Mele Kyari, and the Director General of Morocco's National Office of Hydrocarbons and Mines (ONHYM), Amina Benkhadra, were present.",
			[]string{"person/mele-kyari memberOf organization/nigerian-national-petroleum-company-limited",
				"person/amina-benkhadra memberOf ministry/national-office-of-hydrocarbons-and-mines/ma"}, nil},
		{"a declaration of intent is a declaration; a topic goes on past what is supplied", "",
			"Germany and Namibia on Thursday signed a joint declaration of intent on green hydrogen. The declaration was signed by Economy Minister Robert Habeck and Namibia's Minister of Mines and Energy Tom Alweendo. " +
				"German utility RWE and Namibian developer Hyphen Hydrogen Energy also signed a memorandum of understanding on the supply of green ammonia from 2027.",
			[]string{"person/robert-habeck signed agreement/joint-declaration-of-intent-on-green-hydrogen-between-germany-and-namibia/t.txt",
				"organization/rwe signed agreement/memorandum-of-understanding-on-the-supply-of-green-ammonia-between-rwe-and-hyphen-hydrogen-energy/t.txt"},
			[]string{"person/robert-habeck signed agreement/declaration-between-germany-and-namibia/t.txt"}},
		{"who attends along with the subjects", "",
			"Defence Minister Sjafrie Sjamsoeddin and his Australian counterpart Richard Marles attended the signing ceremony, along with Foreign Minister Sugiono.",
			[]string{"person/sugiono attended event/signing-ceremony/t.txt", "person/richard-marles attended event/signing-ceremony/t.txt"}, nil},
		{"a ministry is of the country of the city it is in", "",
			"UNDP and Ghana signed an agreement on climate resilience. The agreement was signed by the Minister for Finance, Ken Ofori-Atta, at the Ministry of Finance in Accra.",
			[]string{"ministry/ministry-of-finance/gh partOf country/GH", "person/ken-ofori-atta memberOf ministry/ministry-of-finance/gh"}, nil},
		{"who a relative clause names before the verb does not attend", "",
			"Foxconn chairman Young Liu, who met Union Minister Ashwini Vaishnaw in New Delhi last week, attended the signing ceremony.",
			[]string{"person/young-liu attended event/signing-ceremony/t.txt"},
			[]string{"person/ashwini-vaishnaw attended event/signing-ceremony/t.txt"}},
		{"a town before its state", "",
			"The two presidents signed a security agreement on Friday in Tapachula, Chiapas, near the border. They met in Lima, Cusco and Arequipa later.",
			[]string{"location/tapachula locatedIn location/chiapas"}, []string{"location/lima locatedIn location/cusco"}},
		{"clauses and places that stay apart", "",
			"After the talks in Washington, Busan will host the next round. Kenyan President William Ruto, who arrived on Sunday, and Nigerian President Bola Tinubu attended the Africa Climate Summit. " +
				"Kenyan President William Ruto, who on Monday visited Beijing, signed an agreement with Ghana on Tuesday. Trade Minister Jane Mwangi attended the summit along with business leaders, where Minister Parks Tau spoke.",
			[]string{"person/bola-tinubu attended event/africa-climate-summit", "person/william-ruto signed agreement/agreement-between-kenya-and-ghana/t.txt"},
			[]string{"location/washington locatedIn location/busan", "person/parks-tau attended event/africa-climate-summit"}},
		{"a country before a title in lower case; a title held for a place", "",
			"The deal was witnessed by President William Ruto and his Singapore counterpart Lawrence Wong. Trump sent his Ukraine envoy Keith Kellogg to Kyiv.",
			[]string{"person/lawrence-wong represents country/SG"}, []string{"person/keith-kellogg represents country/UA"}},
		{"two titles of one government", "",
			"Japanese Foreign Minister Yoko Kamikawa and Defense Minister Minoru Kihara signed the pact in Manila. " +
				"USTDA Director Geoffrey Jackson and Vice Minister of Commerce Ma Xiuhong signed the grants.",
			[]string{"person/minoru-kihara represents country/JP"}, []string{"person/ma-xiuhong represents country/US"}},
		{"a side represented by its people", "",
			"Japan and the Philippines signed the accord in Manila. The Philippine side was represented by Foreign Secretary Enrique Manalo and Defense Secretary Gilberto Teodoro, who signed it. " +
				"Japan's Foreign Ministry released a statement. Wang Yi said the Chinese side is ready to work with Japanese Foreign Minister Yoko Kamikawa.",
			[]string{"person/enrique-manalo represents country/PH", "person/gilberto-teodoro represents country/PH"},
			[]string{"person/enrique-manalo memberOf ministry/foreign-ministry/jp", "person/yoko-kamikawa represents country/CN"}},
		{"titles set off by commas in a list of people", "",
			"Ekpo spoke after the signing ceremony for the Nigeria-Morocco Gas Pipeline, the Minister of State for Petroleum Resources (Gas), Ekperikpe Ekpo, said. " +
				"It was attended by the Moroccan Ambassador to Nigeria, Moha Ou Ali Tagma, and the Group Chief Executive Officer of the Nigerian National Petroleum Company Ltd (NNPC), Mele Kyari. " +
				"Argentine Foreign Minister Diana Mondino and her Chilean counterpart, Alberto van Klaveren, signed the accord.",
			[]string{"person/moha-ou-ali-tagma represents country/MA", "person/mele-kyari memberOf organization/nigerian-national-petroleum-company-ltd",
				"person/alberto-van-klaveren represents country/CL"},
			[]string{"person/moha-ou-ali-tagma memberOf organization/nigerian-national-petroleum-company-ltd"}},
		{"the forum of a named week", "",
			"Turkey and Azerbaijan signed a memorandum of understanding on gas on the sidelines of Baku Energy Week. Speaking at the forum, President Ilham Aliyev said exports would rise.",
			[]string{"person/ilham-aliyev attended event/baku-energy-week"}, nil},
		{"event within an event", "",
			"A Korea-Japan summit was held on the sidelines of the APEC Economic Leaders' Meeting.",
			[]string{"event/korea-japan-summit/t.txt partOf event/apec-economic-leaders-meeting"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := extractText(t, tt.published, tt.text)
			got := map[string]bool{}
			for _, r := range doc.Relations {
				got[r.Key()] = true
			}
			for _, w := range tt.want {
				if !got[w] {
					t.Errorf("missing %s; got %s", w, keys(got))
				}
			}
			for _, w := range tt.notWant {
				if got[w] {
					t.Errorf("unwanted %s", w)
				}
			}
		})
	}
}

func keys(m map[string]bool) string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return "\n  " + strings.Join(ks, "\n  ")
}

// TestCoreference: later mentions that do not repeat the name join the
// entity they point at.
func TestCoreference(t *testing.T) {
	tests := []struct {
		name, text, entity string
		mentions           int
		alias              string
	}{
		{"surname alone", "Trade Minister Ana Costa met reporters. \"We are ready,\" said Costa.", "Ana Costa", 2, "Costa"},
		{"a professor's family name", "Professor Wanjiru Kamau led the study. Professor Kamau said it would go on.", "Wanjiru Kamau", 2, "Kamau"},
		{"a family name joins the name it ends", "Guests saw Mensah Polaroids on Friday. Director Ama Mensah chose them. \"We are proud,\" said Mensah.", "Ama Mensah", 2, "Mensah"},
		{"a double family name without the given name", "Agriculture Minister Ydael Perez Brito signed the agreement. Perez Brito thanked Vietnam for its support.",
			"Ydael Perez Brito", 2, "Perez Brito"},
		{"a name without its generation's suffix", "President Ferdinand Marcos Jr. met reporters. Marcos said talks went well.", "Ferdinand Marcos Jr.", 2, "Ferdinand Marcos"},
		{"a word of a name opens a sentence", "Chinese President Xi Jinping met Peruvian President Ana Rojas. Xi hosted a banquet for her.", "Xi Jinping", 2, "Xi"},
		{"an Arabic article after the hyphen is no Korean given name", "Trade director Rami El-Haj met reporters. El-Haj said the port would open.", "Rami El-Haj", 1, "El-Haj"},
		{"the ministry", "The Ministry of Science and ICT signed the plan. The ministry said more would follow.", "Ministry of Science and ICT", 2, "ministry"},
		{"acronym in parentheses", "The Senegalese space agency (ASES) joined. ASES will host the event.", "Senegalese space agency", 2, "ASES"},
		{"the MOU", "They signed a memorandum of understanding titled the \"Blue Ports Pact\". The MOU covers shipping.", "Blue Ports Pact", 3, "MOU"},
		{"demonym", "Korean officials met their Japanese counterparts in Busan. Korea and Japan agreed.", "South Korea", 2, "Korea"},
		{"an organization's short form", "Kenya Power and Lighting Company signed a contract with Initech on Monday. Kenya Power managing director Joseph Siror said the plants would open in 2027.",
			"Kenya Power and Lighting Company", 2, "Kenya Power"},
		{"a headline's verb is not the deal's", "Ghana, Ivory Coast ink cocoa pricing deal\n\nGhana and Ivory Coast signed the deal in Accra on Monday.",
			"cocoa pricing deal between Ghana and Ivory Coast", 1, "cocoa pricing deal"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := extractText(t, "", tt.text)
			e, ok := entityByName(doc, tt.entity)
			if !ok {
				t.Fatalf("no entity %q", tt.entity)
			}
			if len(e.Mentions) < tt.mentions {
				t.Errorf("%d mentions, want %d", len(e.Mentions), tt.mentions)
			}
			if !slices.Contains(e.Aliases, tt.alias) {
				t.Errorf("aliases %q lack %q", e.Aliases, tt.alias)
			}
		})
	}
}

// TestAwkwardText: texts that once made a rule slice past a sentence or
// between overlapping mentions extract without error.
func TestAwkwardText(t *testing.T) {
	tests := []struct{ name, text string }{
		{"several agreements, acronyms in later sentences",
			"The National Research Council (NRC), under the Ministry of Science and Technology, signed a memorandum of understanding with Acme Devices, Inc. to boost chip design and development in Chile.\n" +
				"The NRC also signed an MoU with Andes State University to develop the chip workforce in Chile, while the Ministry of Education signed an MoU with Initech to enhance human resources for Chile's high-tech sector."},
		{"an agreement named inside another",
			"Port Memorandum of Understanding (MOU): The Minister and the Secretary praised the work. " +
				"Since the signing of the MOU Establishing Port Supply Chain and Innovation Partnership under the Framework of the Chile-Peru Trade Council, both sides met twice."},
		{"a verb's objects run past the next verb",
			"On March 8, in Lima, Mr. Kenji Sato, Minister for Foreign Affairs of Japan, and H.E. Ms. Ana Rojas, Ambassador of Peru, signed and exchanged notes for the grant of equipment to the Government of Peru, including tents."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := extractor(t).Extract(context.Background(), schema.Article{ID: "t.txt"}, []byte(tt.text)); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// TestArrangementsThatAreNone: "arrangements" without a topic are plans,
// not agreements.
func TestArrangementsThatAreNone(t *testing.T) {
	doc := extractText(t, "", "The two sides made arrangements to meet again. We are putting in place transformational arrangements for the region.")
	for _, e := range doc.Entities {
		if e.Type == schema.Agreement {
			t.Errorf("agreement %q from arrangements that name none", e.Name)
		}
	}
}

// TestCapitalisedKinds: an untitled agreement named by its kind in
// capitals is an agreement as its lower-case kind is, with its parties.
func TestCapitalisedKinds(t *testing.T) {
	for _, kind := range []string{"a Joint Statement", "a Joint Declaration", "a Joint Communique", "a Treaty", "an Accord",
		"an MoC", "a Memorandum of Cooperation", "an Exchange of Notes", "a Letter of Intent", "a Grant Agreement"} {
		t.Run(kind, func(t *testing.T) {
			doc := extractText(t, "", "Ghana and Peru signed "+kind+" on fisheries in Lima on Monday.")
			agreements, signed := 0, 0
			for _, e := range doc.Entities {
				if e.Type == schema.Agreement {
					agreements++
				}
			}
			for _, r := range doc.Relations {
				if r.Predicate == schema.Signed {
					signed++
				}
			}
			if agreements != 1 || signed != 2 {
				t.Errorf("%d agreements and %d signed relations, want 1 and 2", agreements, signed)
			}
		})
	}
}

// TestBareChambersBelongToNoCountry: "the Senate", "Congress" name the
// chamber of whatever country the article is about, so the gazetteer's
// U.S. chambers answer only to their full names.
func TestBareChambersBelongToNoCountry(t *testing.T) {
	doc := extractText(t, "", "Sen. Risa Hontiveros said the Senate in Manila would review the accord before Congress voted on it. The U.S. Senate approved a similar deal.")
	for _, e := range doc.Entities {
		if e.Name == "U.S. Congress" {
			t.Errorf("bare Congress read as %q", e.Name)
		}
		if e.Name == "U.S. Senate" && slices.Contains(e.Aliases, "Senate") {
			t.Errorf("bare Senate read as the U.S. Senate: aliases %q", e.Aliases)
		}
	}
	if _, ok := entityByName(doc, "U.S. Senate"); !ok {
		t.Error("no U.S. Senate from its full name")
	}
}

// TestPortfolioIsNoBody: what a minister is minister of is a portfolio,
// not a company, whatever its last word.
func TestPortfolioIsNoBody(t *testing.T) {
	doc := extractText(t, "", "Zambia's Minister of Transport and Logistics Frank Tayali attended the signing.")
	for _, e := range doc.Entities {
		if e.Type == schema.Organization {
			t.Errorf("organization %q from a minister's portfolio", e.Name)
		}
	}
	if _, ok := entityByName(doc, "Frank Tayali"); !ok {
		t.Error("no Frank Tayali")
	}
}

// TestInitialIsNoFamilyName: a name that opens with an initial ("S
// Jaishankar") is called by its last word, where one that opens with a
// family name in capitals ("LEE Jae-myung") is called by that.
func TestInitialIsNoFamilyName(t *testing.T) {
	doc := extractText(t, "", "External Affairs Minister S Jaishankar met President LEE Jae-myung in Seoul.")
	for name, alias := range map[string]string{"S Jaishankar": "Jaishankar", "LEE Jae-myung": "LEE"} {
		e, ok := entityByName(doc, name)
		if !ok {
			t.Errorf("no %s", name)
			continue
		}
		if !slices.Contains(e.Aliases, alias) {
			t.Errorf("%s: aliases %q, want %q among them", name, e.Aliases, alias)
		}
		if slices.Contains(e.Aliases, "S") {
			t.Errorf("%s: an initial as alias: %q", name, e.Aliases)
		}
	}
}

// TestReadingsThatStayNarrow: what rules for one reading must leave alone.
func TestReadingsThatStayNarrow(t *testing.T) {
	doc := extractText(t, "", "Troops moved into the Qorvath capital on Monday. Fisheries and Oceans Canada closed the fishery. "+
		"Kenya and Ghana signed an agreement on cooperation against terrorism in Accra. Vice President JD Vance would attend. "+
		"Taiwanese President William Lai met Prime Minister Shigeru Ishiba, known as Japan's defence hawk, in Tokyo. Kenya and Ghana joined the Energy Charter Treaty.")
	for _, e := range doc.Entities {
		switch {
		case e.Name == "Qorvath" && e.Type != schema.Location:
			t.Errorf("one word before a kind of place is a place or nothing, not %s", e.Type)
		case e.Name == "Oceans Canada":
			t.Error(`"Oceans Canada": half a department's name`)
		case e.Type == schema.Agreement && strings.HasPrefix(e.Name, "agreement on cooperation") && !strings.Contains(e.Name, "against terrorism"):
			t.Errorf("agreement %q lost its topic's end", e.Name)
		case e.Name == "JD Vance" && !slices.Contains(e.Aliases, "Vance"):
			t.Errorf("JD Vance: aliases %q, want Vance", e.Aliases)
		case e.Name == "William Lai" && !slices.Contains(e.Aliases, "Lai"):
			t.Errorf("William Lai: aliases %q, want Lai: a given name first", e.Aliases)
		case e.Name == "Shigeru Ishiba" && slices.ContainsFunc(e.Aliases, func(a string) bool { return strings.Contains(a, "Japan") }):
			t.Errorf("Shigeru Ishiba: aliases %q, a description taken for a name he is known as", e.Aliases)
		case e.Name == "Energy Charter Treaty" && strings.HasSuffix(e.ID, "/t.txt"):
			t.Errorf("a treaty with a name of its own scoped to its article: %s", e.ID)
		}
	}
}

// TestGroupCompaniesStayApart: a group's other companies are not the one
// the gazetteer calls by the group's short name.
func TestGroupCompaniesStayApart(t *testing.T) {
	doc := extractText(t, "", "Hyundai Rotem and Korea Aerospace Industries will supply the tanks, while Samsung Biologics will build a plant in Incheon.")
	for _, e := range doc.Entities {
		if e.Name == "Hyundai Motor" || e.Name == "Samsung Electronics" {
			t.Errorf("%q read from another company of its group (aliases %q)", e.Name, e.Aliases)
		}
	}
}

// TestFamilyNameFirst: people of the countries that write the family name
// first are called by its first word.
func TestFamilyNameFirst(t *testing.T) {
	doc := extractText(t, "", "South Korean President Yoon Suk Yeol met Chinese Premier Li Qiang and U.S. Secretary of State Antony Blinken in Seoul.")
	for name, alias := range map[string]string{"Yoon Suk Yeol": "Yoon", "Li Qiang": "Li", "Antony Blinken": "Blinken"} {
		e, ok := entityByName(doc, name)
		if !ok {
			t.Errorf("no %s", name)
			continue
		}
		if !slices.Contains(e.Aliases, alias) {
			t.Errorf("%s: aliases %q, want %q among them", name, e.Aliases, alias)
		}
	}
}

// TestKnownAs: the name a person is "known as" is an alias, and the person
// that name later stands for.
func TestKnownAs(t *testing.T) {
	doc := extractText(t, "", "Former president Joko Widodo, known as Jokowi, started the talks in 2023. Jokowi said on Monday the deal was good.")
	e, ok := entityByName(doc, "Joko Widodo")
	if !ok || !slices.Contains(e.Aliases, "Jokowi") {
		t.Errorf("Joko Widodo (found %v): aliases %q, want Jokowi", ok, e.Aliases)
	}
	if _, ok := entityByName(doc, "Jokowi"); ok {
		t.Error("Jokowi is a person of his own")
	}
}

// TestKindInCapitalsBelongsToItsArticle: an agreement named only by its
// kind in capitals ("Free Trade Agreement", "Comprehensive Economic
// Partnership Agreement (CEPA)"), which many pairs of countries sign, is
// its article's; one with a name of its own is the whole graph's.
func TestKindInCapitalsBelongsToItsArticle(t *testing.T) {
	doc := extractText(t, "", "The UK and India signed a Free Trade Agreement on Thursday. The UAE and Colombia signed a Comprehensive Economic Partnership Agreement (CEPA) in Abu Dhabi. "+
		"Mexico and Canada prepared for the review of the United States-Mexico-Canada Agreement (USMCA).")
	for name, scoped := range map[string]bool{"Free Trade Agreement": true, "Comprehensive Economic Partnership Agreement": true, "United States-Mexico-Canada Agreement": false} {
		e, ok := entityByName(doc, name)
		if !ok {
			t.Errorf("no %s", name)
			continue
		}
		if got := strings.HasSuffix(e.ID, "/t.txt"); got != scoped {
			t.Errorf("%s: id %s, scoped to its article %v, want %v", name, e.ID, got, scoped)
		}
	}
}

// TestCountryNamesNewsUses: the names news gives countries beside the
// country module's ("Congo", "Czechia", "Eswatini", "Burma"), and a place
// the module's regions would misplace ("Gaza", a province of Mozambique).
func TestCountryNamesNewsUses(t *testing.T) {
	doc := extractText(t, "", "Officials from Congo, Czechia, Eswatini, Burma and North Macedonia met in Geneva. Aid trucks reached Gaza on Monday.")
	got := map[string]string{}
	for _, e := range doc.Entities {
		got[e.Name] = e.ID
	}
	for name, id := range map[string]string{"DR Congo": "country/CD", "Czech Republic": "country/CZ", "Swaziland": "country/SZ", "Myanmar": "country/MM", "Macedonia": "country/MK"} {
		if got[name] != id {
			t.Errorf("%s: id %q, want %s (entities %v)", name, got[name], id, got)
		}
	}
	for _, r := range doc.Relations {
		if strings.HasPrefix(r.Subject, "location/gaza") && r.Object == "country/MZ" {
			t.Errorf("Gaza placed in Mozambique: %s", r.Key())
		}
	}
	if _, ok := entityByName(doc, "Gaza Strip"); !ok {
		t.Errorf("no Gaza Strip in %v", got)
	}
}
