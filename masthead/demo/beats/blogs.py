"""The two blogs: first person, short, and written by the staff."""

from masthead.demo.beats.base import Beat, Topic

BLOG_BEATS = (
    Beat(
        key="food",
        section="olive-and-thyme",
        dateline="",
        places=("the old market", "Hay al-Zaytoun", "the downtown souk", "Jabal al-Ward"),
        roles=("a spice seller", "a baker", "a grandmother"),
        background=(
            "Most of what I know about cooking I learned standing beside my aunt.",
            "The market is at its best an hour after dawn, before the heat.",
            "Prices are written in chalk and change with the weather.",
        ),
        tags=("Food", "Markets"),
        themes=("fields", "stage"),
        topics=(
            Topic(
                headlines=(
                    "A morning with the thyme sellers of {place}",
                    "Where the za'atar comes from",
                ),
                standfirst="Wild thyme, sumac and sesame: the mix every household argues about.",
                lead="The thyme sellers of {place} arrive before the shops open, with sacks "
                "still smelling of the hills.",
                facts=(
                    "Each family has its own ratio of sumac to sesame, and none will share it.",
                    "A kilo of good mix costs about as much as a taxi across town.",
                    "The best thyme, they say, grows on slopes nobody farms.",
                    "I bought too much, as I do every week.",
                ),
                quotes=(
                    "My mother's mix is the right one; everyone else's is wrong.",
                    "Smell it first, then decide.",
                ),
            ),
            Topic(
                headlines=(
                    "Bread, before the city wakes",
                    "The night shift at a bakery in {place}",
                ),
                standfirst="The ovens start at three, and by six the queue is round the corner.",
                lead="At three in the morning the only lit window in {place} belongs to the "
                "bakery.",
                facts=(
                    "The baker has worked the same oven for {pct} years.",
                    "He bakes about {num} loaves before sunrise.",
                    "Regulars are served without saying a word.",
                    "The taxi drivers come first, the schoolchildren last.",
                ),
                quotes=(
                    "The dough tells you when it is ready, not the clock.",
                    "If I close for one day, the whole street complains.",
                ),
            ),
            Topic(
                headlines=(
                    "The coffee roaster of {place}",
                    "Cardamom, and other arguments about coffee",
                ),
                standfirst="Light or dark, with cardamom or without: every cup is a position.",
                lead="The smell of roasting coffee reaches the end of the street in {place} "
                "long before the shop comes into view.",
                facts=(
                    "The roaster has used the same drum for {pct} years.",
                    "Customers choose the roast by eye, then argue about the cardamom.",
                    "A bag of ground coffee lasts most families a week.",
                    "I left with a bag for my neighbour, who had not asked for one.",
                ),
                quotes=(
                    "Coffee is not a drink here; it is how you say welcome.",
                    "Too much cardamom hides a bad bean.",
                ),
            ),
        ),
    ),
    Beat(
        key="commute",
        section="the-long-commute",
        dateline="",
        places=("Tal al-Rumman", "Wadi al-Nakheel", "the university gate", "the central station"),
        roles=("a fellow passenger", "a minibus driver", "a student"),
        background=(
            "My daily journey is nineteen kilometres and takes anywhere from forty minutes "
            "to two hours.",
            "The city climbs seven hills, and the buses climb all of them.",
            "A shared taxi is a small parliament on wheels.",
        ),
        tags=("Transport", "City life"),
        themes=("skyline", "night"),
        topics=(
            Topic(
                headlines=(
                    "Waiting for the number {pct} at {place}",
                    "Notes from a bus stop at {place}",
                ),
                standfirst="There is no timetable, only rumours, and the rumours are "
                "usually right.",
                lead="The bus stop at {place} has no sign, no shelter and no timetable, yet "
                "everyone knows it is there.",
                facts=(
                    "I counted {pct2} buses in an hour; three of them stopped.",
                    "A man selling coffee from a thermos does better business than any café.",
                    "When the bus finally arrives, the queue dissolves into a crowd.",
                    "The new bus lanes, if they come, will pass just behind this corner.",
                ),
                quotes=(
                    "The bus comes when it comes; that is the timetable.",
                    "I have been late to the same job for eleven years.",
                ),
            ),
            Topic(
                headlines=(
                    "Five passengers, one driver and the radio",
                    "What I learned in a shared taxi to {place}",
                ),
                standfirst="The fare is fixed, the route is negotiable and the music is not.",
                lead="The shared taxi to {place} leaves when it is full, and not a minute before.",
                facts=(
                    "The driver has done the same route {pct2} times a day for years.",
                    "Passengers pass the fare forward hand to hand, and the change comes back.",
                    "By the second hill, everyone has an opinion on the news.",
                    "Nobody asks to change the radio station.",
                ),
                quotes=(
                    "I know every pothole on this road by name.",
                    "You meet the whole city in this car if you ride it long enough.",
                ),
            ),
            Topic(
                headlines=(
                    "The stairs of {place}",
                    "Climbing home: the city's public stairways",
                ),
                standfirst="Where the buses give up, the stairs begin.",
                lead="There are {num} steps between the main road and my door in {place}, "
                "and I have counted them more than once.",
                facts=(
                    "The city's old stairways link neighbourhoods the roads go around.",
                    "Some have been painted by volunteers in bright colours.",
                    "Old men play backgammon on the landings in the evening.",
                    "Climbing them is faster than waiting for a taxi at rush hour.",
                ),
                quotes=(
                    "My knees know this city better than any map.",
                    "We painted the steps so people would look up from their phones.",
                ),
            ),
        ),
    ),
)
