"""Local and Business: mostly the paper's own reporting."""

from masthead.demo.beats.base import Beat, Topic

HOME = (
    Beat(
        key="capital",
        section="capital",
        dateline="Amman",
        places=("Tal al-Rumman", "Hay al-Zaytoun", "Jabal al-Ward", "Wadi al-Nakheel"),
        roles=("a city councillor", "a shopkeeper", "a bus driver", "a parent"),
        background=(
            "The capital's population has roughly doubled in twenty years.",
            "Most commuters still rely on shared taxis and private cars.",
            "The city council is elected every four years.",
        ),
        tags=("Transport", "City council", "Schools"),
        agency_share=0.1,
        themes=("skyline", "night", "hills"),
        topics=(
            Topic(
                headlines=(
                    "New bus lanes for {place} after council vote",
                    "Council approves rapid bus route through {place}",
                ),
                standfirst='"People will get home before their dinner goes cold," the '
                "council's transport chief said.",
                lead="The city council voted to build dedicated bus lanes through {place}, "
                "promising to cut the evening journey to the centre by {pct} minutes.",
                facts=(
                    "The route will have {pct2} new stops and a park-and-ride car park.",
                    "Work is due to start within {months} months and cost {amount} million dinars.",
                    "Shop owners on the main road worried about losing parking spaces.",
                    "The council promised to keep loading bays open in the mornings.",
                    "Buses will run every eight minutes at peak times.",
                ),
                quotes=(
                    "I spend two hours a day in traffic; anything is better than that.",
                    "We will lose parking, but we might gain customers who arrive by bus.",
                ),
            ),
            Topic(
                headlines=(
                    "Three new schools to open in {place} next term",
                    "Crowded classrooms in {place} to get relief",
                ),
                standfirst='"Forty children in a room is too many," the education director said.',
                lead="The education directorate said three schools would open in {place} "
                "next term, taking in about {num} pupils from crowded classrooms.",
                facts=(
                    "Some schools in the area run two shifts a day.",
                    "Some classes in the district have more than forty pupils.",
                    "The new buildings include science labs and a sports hall.",
                    "Parents' groups asked for safe crossings on the roads outside.",
                ),
                quotes=(
                    "My son goes to school in the afternoon shift and comes home in the dark.",
                    "A new building is only a start; we need teachers too.",
                ),
            ),
        ),
    ),
    Beat(
        key="governorates",
        section="governorates",
        places=("Khirbet Salma", "Ain Jannah", "Deir al-Tin", "Umm Rummana", "Tal Hamra"),
        roles=("an olive farmer", "the head of the village council", "an agronomist"),
        background=(
            "Farming employs a large share of people in the northern governorates.",
            "Many villages depend on wells that are drying out.",
            "Young people often leave the countryside to find work in the capital.",
        ),
        tags=("Farming", "Olives", "Water"),
        agency_share=0.2,
        themes=("fields", "hills"),
        topics=(
            Topic(
                headlines=(
                    "Olive harvest in {place} beats expectations",
                    "Late rains bring a bumper olive crop to {place}",
                ),
                standfirst='"The trees remembered the rain," said a farmer whose family '
                "has worked the same grove for generations.",
                lead="Farmers around {place} are expecting an olive harvest about {pct} "
                "percent larger than last year after late winter rains.",
                facts=(
                    "Presses in the area are running day and night.",
                    "Prices for oil at the press have fallen slightly as supply rises.",
                    "Seasonal workers came from {pct2} neighbouring villages to help pick.",
                    "The farmers' union asked for help to export the surplus.",
                    "Some growers are planting drought-tolerant varieties.",
                ),
                quotes=(
                    "My grandfather planted these trees, and this is the best year I remember.",
                    "We need buyers abroad, or the oil will sit in the tanks.",
                ),
            ),
            Topic(
                headlines=(
                    "{place} gets a new water network after years of tanker deliveries",
                    "Taps run again in {place} as pipeline is finished",
                ),
                standfirst='"We paid for water by the barrel for ten years," the head of the '
                "village council said.",
                lead="About {num} households in {place} were connected to the public water "
                "network this week, ending years of dependence on tanker lorries.",
                facts=(
                    "The pipeline runs for {pct} kilometres from a reservoir to the east.",
                    "The project cost {amount} million dinars, shared with a donor fund.",
                    "Families had spent a large share of their income on delivered water.",
                    "Engineers will check the network for leaks every quarter.",
                ),
                quotes=(
                    "The first thing my mother did was fill every pot in the house.",
                    "Water that arrives by pipe is water you do not have to beg for.",
                ),
            ),
        ),
    ),
    Beat(
        key="markets",
        section="markets",
        places=("Amman", "Dubai", "Riyadh", "Cairo", "Doha"),
        roles=("a fund manager", "a broker", "a bank economist"),
        background=(
            "Regional bourses are dominated by banks, telecoms and property companies.",
            "Foreign investors hold a small but growing share of listed companies.",
            "Most regional currencies are pegged to the US dollar.",
        ),
        tags=("Markets", "Banks", "Shares"),
        agency_share=0.5,
        themes=("chart", "skyline", "night"),
        topics=(
            Topic(
                headlines=(
                    "Shares in {place} close higher as bank profits impress",
                    "Bank stocks lift the {place} bourse to a three-month high",
                ),
                standfirst='"Banks are earning more on their loans than they have in years," '
                "a fund manager said.",
                lead="The main share index in {place} rose 1.{pct2} percent, led by "
                "banks after better-than-expected quarterly results.",
                facts=(
                    "Trading volumes were about {pct} percent above the monthly average.",
                    "Property developers lagged after a cautious forecast from one builder.",
                    "Telecoms stocks were flat.",
                    "Brokers said local investors, not foreign funds, drove the buying.",
                ),
                quotes=(
                    "Results season is when the market remembers what companies earn.",
                    "I would not call this a rally yet; it is a good week.",
                ),
            ),
            Topic(
                headlines=(
                    "Small businesses in {place} turn to new lending scheme",
                    "Credit guarantee scheme draws {num} applicants in {place}",
                ),
                standfirst='"A good idea without a loan stays an idea," a bakery owner said.',
                lead="A loan guarantee scheme for small companies in {place} received {num} "
                "applications in its first month, the central bank said.",
                facts=(
                    "The scheme guarantees up to 70 percent of a loan.",
                    "Workshops, bakeries and software firms made up most of the applicants.",
                    "Banks have been reluctant to lend to firms without property to pledge.",
                    "The guarantee fund holds {amount} million dinars.",
                ),
                quotes=(
                    "For ten years the bank asked me for a house I do not own.",
                    "Small companies create most of the jobs, so they need most of the help.",
                ),
            ),
        ),
    ),
    Beat(
        key="energy",
        section="energy",
        places=("Ma'an", "Aqaba", "Azraq", "Mafraq", "Tafileh"),
        roles=("an engineer", "a grid operator", "an energy analyst"),
        background=(
            "The country imports most of its fuel and pays for it in hard currency.",
            "Solar power has grown quickly thanks to long hours of sunshine.",
            "The grid was built for a few large power stations, not thousands of rooftops.",
        ),
        tags=("Energy", "Solar", "Climate"),
        agency_share=0.3,
        themes=("solar", "dunes", "fields"),
        topics=(
            Topic(
                headlines=(
                    "Solar farm near {place} starts feeding the grid",
                    "{place} solar plant to power {num} thousand homes",
                ),
                standfirst='"The sun is the one fuel we do not import," the energy minister said.',
                lead="A {pct}0-megawatt solar farm near {place} began supplying electricity "
                "to the national grid, enough for about {num} thousand homes.",
                facts=(
                    "The plant covers an area the size of {pct2}0 football pitches.",
                    "Its panels are cleaned by robots to cope with dust storms.",
                    "The developer will sell power to the state utility for 20 years.",
                    "Battery storage is planned for a second phase.",
                ),
                quotes=(
                    "The grid now has to learn to live with the sun going down.",
                    "Every panel here is a tanker we do not have to pay for.",
                ),
            ),
            Topic(
                headlines=(
                    "Fuel prices unchanged for next month",
                    "Pump prices held steady as oil market calms",
                ),
                standfirst='"Drivers will pay what they paid last month," the pricing '
                "committee said.",
                lead="The fuel pricing committee left pump prices unchanged for next month, "
                "citing steadier world oil prices.",
                facts=(
                    "Prices had risen in {pct2} of the previous six months.",
                    "Diesel used by lorries and farm machinery will also stay the same.",
                    "Taxi drivers had threatened to strike if prices went up again.",
                    "The committee reviews prices every month.",
                ),
                quotes=(
                    "A month without a rise is a month we can plan for.",
                    "People fill up half a tank at a time now; that tells you everything.",
                ),
            ),
        ),
    ),
)
