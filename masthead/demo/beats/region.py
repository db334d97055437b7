"""Region and World: the wire-heavy beats."""

from masthead.demo.beats.base import Beat, Topic

REGION = (
    Beat(
        key="middle-east",
        section="middle-east",
        places=("Beirut", "Amman", "Baghdad", "Ramallah", "Damascus", "Irbid"),
        roles=("a senior negotiator", "a ministry spokesperson", "an aid coordinator"),
        background=(
            "Rainfall across the Levant has been below average for three of the last five winters.",
            "Trade between neighbouring states fell sharply during the pandemic years and "
            "has only partly recovered.",
            "The region hosts several million displaced people, many of them children.",
        ),
        tags=("Diplomacy", "Water", "Trade", "Aid"),
        agency_share=0.75,
        themes=("dunes", "hills", "skyline"),
        topics=(
            Topic(
                headlines=(
                    "Neighbours meeting in {place} agree to share river data",
                    "Water talks in {place} end with a pledge to pool forecasts",
                ),
                standfirst='"We share the same river, so we should share the same numbers," '
                "a senior negotiator said as the talks closed.",
                lead="Officials from {pct2} countries agreed in {place} to exchange river "
                "flow and reservoir data every week, in a bid to plan for a third dry summer.",
                facts=(
                    "The agreement covers {num} measuring stations along the main rivers.",
                    "Reservoirs in the area stand at about {pct} percent below their "
                    "ten-year average.",
                    "Engineers will meet every month in {place2} to compare the readings.",
                    "Farmers' groups welcomed the deal but asked for a say in how water is "
                    "shared once shortages begin.",
                    "The data will also be published online for researchers.",
                ),
                quotes=(
                    "Numbers do not solve a drought, but without them every decision is a guess.",
                    "This is a technical agreement, and technical agreements are the ones "
                    "that last.",
                ),
            ),
            Topic(
                headlines=(
                    "Ministers back a freight rail link from {place} to the coast",
                    "Regional rail plan clears first hurdle in {place}",
                ),
                standfirst='"A train carries what a hundred lorries carry," the transport '
                "minister told delegates.",
                lead="Transport ministers meeting in {place} endorsed a study for a freight "
                "railway linking inland cities with the Mediterranean ports.",
                facts=(
                    "The line would run for about {num} kilometres and cost an estimated "
                    "${amount} million for its first section.",
                    "Freight now moves almost entirely by road, which pushes up prices and "
                    "wears out highways.",
                    "A feasibility study is due within {months} months.",
                    "Lenders including the Levant Development Fund have said they are "
                    "willing to finance the study.",
                    "Hauliers' unions warned that drivers' jobs must be protected.",
                ),
                quotes=(
                    "Every country here has drawn a railway on a map; now we need to build one.",
                    "We are not asking anyone to give up lorries tomorrow.",
                ),
            ),
        ),
    ),
    Beat(
        key="gulf",
        section="gulf",
        places=("Doha", "Muscat", "Kuwait City", "Manama", "Abu Dhabi", "Riyadh"),
        roles=("an investment banker", "a port official", "an economist at a local bank"),
        background=(
            "Gulf governments have been spending heavily to diversify away from oil and gas.",
            "Tourism and logistics are two of the sectors that planners have bet on.",
            "Summer temperatures along the coast regularly pass 45 degrees Celsius.",
        ),
        tags=("Gulf", "Investment", "Ports", "Tourism"),
        agency_share=0.6,
        themes=("sea", "skyline", "dunes"),
        topics=(
            Topic(
                headlines=(
                    "{place} port expansion to double container capacity",
                    "New berths in {place} aim to win back shipping lines",
                ),
                standfirst='"Ships go where the cranes are," the port\'s chief executive said.',
                lead="The port authority in {place} said it would add {pct2} deep-water "
                "berths and new cranes, doubling container capacity within {months} months.",
                facts=(
                    "The project is valued at about ${amount} million.",
                    "Container traffic through the port rose {pct} percent last year.",
                    "Three shipping lines have signed letters of intent for the new berths.",
                    "The work includes a rail spur to a logistics zone inland.",
                    "Environmental groups asked for a study of the impact on nearby reefs.",
                ),
                quotes=(
                    "We lost business to our neighbours because we ran out of space.",
                    "The reefs are part of our coast too, and we will protect them.",
                ),
            ),
            Topic(
                headlines=(
                    "Heat rules push outdoor work into the night in {place}",
                    "{place} extends midday work ban as temperatures climb",
                ),
                standfirst='"No building is worth a worker\'s life," the labour inspector said.',
                lead="Authorities in {place} extended a ban on outdoor work during the "
                "hottest hours of the day, with fines for companies that break it.",
                facts=(
                    "The rule now runs from late morning to mid-afternoon for {months} weeks.",
                    "Inspectors carried out {num} site visits in the first week.",
                    "Construction firms said some projects would move to night shifts.",
                    "Rights groups welcomed the change and asked for water and shade breaks.",
                ),
                quotes=(
                    "We would rather build more slowly than lose anyone to the heat.",
                    "The fines are there so that nobody is tempted to cut corners.",
                ),
            ),
        ),
    ),
    Beat(
        key="north-africa",
        section="north-africa",
        places=("Cairo", "Tunis", "Rabat", "Algiers", "Alexandria", "Tripoli"),
        roles=("a grain trader", "a farmers' union leader", "a university economist"),
        background=(
            "North Africa imports a large share of the wheat it eats.",
            "Bread prices are politically sensitive across the region.",
            "Several countries have invested in new desalination plants on the coast.",
        ),
        tags=("Food", "Farming", "Desalination"),
        agency_share=0.8,
        themes=("fields", "sea", "dunes"),
        topics=(
            Topic(
                headlines=(
                    "Wheat buyers in {place} lock in supplies ahead of harvest",
                    "Bread subsidy safe for now, {place} officials say",
                ),
                standfirst='"We have wheat until the new harvest, and then some," the supply '
                "minister said.",
                lead="Grain buyers in {place} said they had secured enough wheat to last "
                "{months} months, easing fears of a rise in the price of subsidised bread.",
                facts=(
                    "The latest tender brought in about {num} thousand tonnes.",
                    "Freight costs have fallen {pct} percent since the winter.",
                    "Local farmers expect a better harvest after late rains.",
                    "Bakers said flour deliveries had become more regular.",
                ),
                quotes=(
                    "The price of bread is the first thing every family checks.",
                    "We buy early when the market is calm; that is the whole secret.",
                ),
            ),
            Topic(
                headlines=(
                    "Coastal desalination plant opens near {place}",
                    "{place} turns to the sea for drinking water",
                ),
                standfirst='"This plant means taps that run in August," the mayor said at '
                "the opening.",
                lead="A desalination plant near {place} began supplying drinking water to "
                "about {num} thousand homes, the water utility said.",
                facts=(
                    "The plant cost ${amount} million and runs partly on solar power.",
                    "It can produce enough water for roughly {pct} percent of the city.",
                    "Engineers said the brine would be diluted before it returns to the sea.",
                    "A second plant is planned further along the coast.",
                ),
                quotes=(
                    "For years the summer meant queues at the water tanker.",
                    "We will publish the quality tests every month.",
                ),
            ),
        ),
    ),
    Beat(
        key="world",
        section="world",
        places=("Geneva", "Brussels", "Nairobi", "Istanbul", "New Delhi", "Athens"),
        roles=("a climate negotiator", "a trade envoy", "a shipping analyst"),
        background=(
            "The region is among the most exposed in the world to rising temperatures.",
            "Shipping through the Red Sea and the Suez Canal links Asia with Europe.",
            "Remittances from workers abroad are a large source of income in the region.",
        ),
        tags=("Climate", "Trade", "Shipping"),
        agency_share=0.85,
        themes=("sea", "night", "skyline"),
        topics=(
            Topic(
                headlines=(
                    "Climate talks in {place} end with a fund for heat-hit cities",
                    "Envoys in {place} agree on help for cities facing extreme heat",
                ),
                standfirst='"Our cities are the front line," one delegate said as the deal '
                "was announced.",
                lead="Negotiators meeting in {place} agreed to set up a fund to help cities "
                "cope with extreme heat, with ${amount} million pledged so far.",
                facts=(
                    "Delegations from {num} cities took part in the talks.",
                    "The money will pay for shade, trees and cooling centres.",
                    "Several delegations from the Middle East pushed for the fund.",
                    "Campaigners said the sums were far below what is needed.",
                ),
                quotes=(
                    "A tree planted today is shade in ten years; we need to start now.",
                    "The pledges are a floor, not a ceiling.",
                ),
            ),
            Topic(
                headlines=(
                    "Freight rates ease as shipping routes return to normal",
                    "Shipping firms meeting in {place} see calmer year ahead",
                ),
                standfirst='"The worst of the congestion is behind us," a shipping analyst said.',
                lead="Container freight rates on routes between Asia and Europe have fallen "
                "{pct} percent in a month, industry figures presented in {place} showed.",
                facts=(
                    "Waiting times at major ports have dropped to about {pct2} days.",
                    "Importers in the region had faced higher prices for months.",
                    "Insurers said premiums would follow rates down more slowly.",
                    "Analysts warned that a busy season could push costs up again.",
                ),
                quotes=(
                    "Importers should not expect prices in the shops to fall overnight.",
                    "We have learned to plan for the next disruption, not the last one.",
                ),
            ),
        ),
    ),
)
