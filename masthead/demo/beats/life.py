"""Sport, Culture and Opinion."""

from masthead.demo.beats.base import Beat, Topic

LIFE = (
    Beat(
        key="football",
        section="football",
        places=("Amman", "Irbid", "Zarqa", "Aqaba"),
        roles=("the home coach", "the visiting captain", "a supporters' club chairman"),
        background=(
            "The league has twelve clubs and runs from autumn to late spring.",
            "Crowds have grown since the new floodlights were installed at the main stadium.",
            "The top two clubs qualify for the regional club championship.",
        ),
        tags=("Football", "League"),
        agency_share=0.3,
        themes=("pitch", "night"),
        topics=(
            Topic(
                headlines=(
                    "{team} beat {team2} {score} to go top of the league",
                    "Late goal gives {team} a {score} win over {team2}",
                ),
                standfirst='"We never stopped believing," the {team} coach said after the '
                "final whistle.",
                lead="{team} beat {team2} {score} in {place} to move to the top of the "
                "league table, with {player} scoring the decisive goal.",
                facts=(
                    "{player} struck from the edge of the area with {pct} minutes left.",
                    "{team2} had the better of the first half but could not finish their chances.",
                    "About {num}0 supporters travelled for the away game.",
                    "{team} have now won {pct2} matches in a row.",
                    "Both sides finished with ten men after a scuffle in stoppage time.",
                ),
                quotes=(
                    "We suffered in the first half, but this team does not give up.",
                    "We gave away one moment and paid for it; that is football.",
                ),
            ),
            Topic(
                headlines=(
                    "National team names {pct2} new faces for qualifiers",
                    "Coach bets on youth in squad for qualifying games",
                ),
                standfirst='"The future of this team is already playing in our league," the '
                "national coach said.",
                lead="The national coach named {pct2} uncapped players in a squad of 26 for "
                "next month's qualifiers, including {player} of {team}.",
                facts=(
                    "{player} has scored {pct} goals in the league this season.",
                    "Two experienced defenders were left out because of injury.",
                    "The squad will train for a week in {place} before travelling.",
                    "Tickets for the home game went on sale this week.",
                ),
                quotes=(
                    "Form decides who plays, not names.",
                    "I found out from my mother, who saw it on television before I did.",
                ),
            ),
        ),
    ),
    Beat(
        key="basketball",
        section="basketball",
        places=("Amman", "Zarqa", "Irbid"),
        roles=("the home coach", "a point guard", "the league commissioner"),
        background=(
            "Basketball has a loyal following in the capital's sports halls.",
            "Clubs may field two foreign players at a time.",
            "The play-offs begin after the regular season's twentieth round.",
        ),
        tags=("Basketball",),
        agency_share=0.2,
        themes=("night", "pitch"),
        topics=(
            Topic(
                headlines=(
                    "{team} edge {team2} in overtime thriller",
                    "{player} leads {team} past {team2}",
                ),
                standfirst='"That is why people come to the hall," the {team} coach said.',
                lead="{team} beat {team2} 8{pct2}-7{pct2} after overtime in {place}, with "
                "{player} scoring {pct} points in the final quarter.",
                facts=(
                    "The game was tied at the end of regulation after a late three-pointer.",
                    "{team2} led by eleven points at half-time.",
                    "The hall was sold out, with about {num} fans inside.",
                    "{team} are now third in the table.",
                ),
                quotes=(
                    "We played the second half like a different team.",
                    "You cannot give a team like that a second chance.",
                ),
            ),
        ),
    ),
    Beat(
        key="books",
        section="books",
        places=("Amman", "Beirut", "Cairo"),
        roles=("a bookseller", "a literary critic", "a publisher"),
        background=(
            "Arabic publishing has seen a boom in translations and young authors.",
            "The city's independent bookshops host readings most weekends.",
            "Literary prizes have brought new readers to regional fiction.",
        ),
        tags=("Books", "Literature"),
        themes=("shelves", "hills"),
        topics=(
            Topic(
                headlines=(
                    'Review: "{book}" by {writer} maps a city through its kitchens',
                    '"{book}", a debut that listens to grandmothers',
                ),
                standfirst='"I wanted to write down the stories before the people who told '
                'them were gone," {writer} says.',
                lead='{writer}\'s first novel, "{book}", follows three generations of a '
                "family through the rooms of one house in {place}.",
                facts=(
                    "The book runs to {num} pages and never feels long.",
                    "Its chapters are named after dishes cooked on family occasions.",
                    "The dialogue moves between formal and spoken Arabic, and the "
                    "English translation keeps the rhythm.",
                    "Some readers will find the ending abrupt.",
                    "{writer} will read from the book at a bookshop in {place} this month.",
                ),
                quotes=(
                    "Every family has one room where the important things are said.",
                    "I wrote it for my daughters, and they have not read it yet.",
                ),
            ),
        ),
    ),
    Beat(
        key="arts",
        section="arts",
        places=("Amman", "Beirut", "Jerash", "Madaba"),
        roles=("the festival director", "a painter", "a theatre producer"),
        background=(
            "Summer festivals draw visitors from across the region.",
            "Public funding for the arts is small, and private sponsors fill the gap.",
            "Many young artists share studios in old houses in the city centre.",
        ),
        tags=("Arts", "Festivals", "Film"),
        themes=("stage", "night"),
        topics=(
            Topic(
                headlines=(
                    "{festival} returns with {num} performers",
                    "Music and film under the stars as {festival} opens",
                ),
                standfirst='"We want the festival to feel like a neighbourhood party," its '
                "director said.",
                lead="{festival} opened in {place} with a programme of concerts, films and "
                "street theatre running for {pct2} weeks.",
                facts=(
                    "About {num} performers from {pct} countries are taking part.",
                    'The opening film, "{film}", was shown to a full open-air audience.',
                    "Half of the events are free.",
                    "Organisers added shuttle buses from the city centre this year.",
                ),
                quotes=(
                    "Art should not need a ticket to be seen.",
                    "I have played in big halls, but nothing beats this courtyard.",
                ),
            ),
            Topic(
                headlines=(
                    'Local film "{film}" wins audience prize',
                    'Audiences crown "{film}" at the Old Town Film Week',
                ),
                standfirst='"We made this film with friends and borrowed cameras," its '
                "director said.",
                lead='"{film}", a low-budget feature shot in {place}, won the audience '
                "prize at the Old Town Film Week.",
                facts=(
                    "The film was made in {pct} days with a crew of {pct2}0.",
                    "Most of the actors had never appeared on screen before.",
                    "A distributor has offered to release it in cinemas next season.",
                    "Its director, {writer}, studied engineering before turning to film.",
                ),
                quotes=(
                    "The audience prize is the one that matters, because they paid to sit there.",
                    "We cried when they read out the name.",
                ),
            ),
        ),
    ),
    Beat(
        key="columns",
        section="columns",
        dateline="",
        places=("Amman",),
        roles=("a teacher", "a reader", "a retired civil servant"),
        background=(
            "Public debate on these questions tends to flare up and fade within a week.",
            "Every government of the past decade has promised reform of some kind.",
            "Surveys suggest trust in public institutions is slowly recovering.",
        ),
        tags=("Opinion", "Education", "Public life"),
        themes=("hills", "shelves", "skyline"),
        topics=(
            Topic(
                headlines=(
                    "Our schools need fewer exams and more libraries",
                    "Teach children to read for pleasure, not for the test",
                ),
                standfirst="A child who loves reading will pass the exams anyway; the "
                "reverse is not true.",
                lead="Every year the national exam results arrive, and every year we argue "
                "about the wrong thing.",
                facts=(
                    "We talk about pass rates, not about what children actually learn.",
                    "Too many schools have a library in name only: a locked room of old textbooks.",
                    "A modest budget for books would do more than another reform committee.",
                    "Teachers know this, but they are judged by the results too.",
                    "Let us measure how many books a school lends, not just how many "
                    "pupils it passes.",
                ),
                quotes=(
                    "I became a teacher because of one librarian.",
                    "My pupils can solve equations but cannot tell me what they like to read.",
                ),
            ),
            Topic(
                headlines=(
                    "The city belongs to pedestrians too",
                    "Why can't we cross the road in our own capital?",
                ),
                standfirst="A city that is built only for cars ends up working for no one, "
                "including drivers.",
                lead="Try walking from {place}'s old centre to the nearest park with a "
                "pushchair, and you will understand this column.",
                facts=(
                    "Pavements end without warning or are blocked by parked cars.",
                    "Crossings are rare, and drivers treat them as suggestions.",
                    "Shade, benches and drinking fountains would cost little.",
                    "Other cities in the region have shown it can be done.",
                    "The council should start with the streets around schools.",
                ),
                quotes=(
                    "I walk in the road because there is nowhere else to walk.",
                    "My grandchildren are not allowed to walk to school, and I understand why.",
                ),
            ),
        ),
    ),
)
