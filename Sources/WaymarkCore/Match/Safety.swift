import Foundation

/// What kind of danger a person's words show. A closed set: the JSON contract names these.
public enum SafetyKind: String, Sendable, Encodable, CaseIterable {
    case suicide, selfHarm = "self-harm", domesticAbuse = "domestic-abuse",
         childSafeguarding = "child-safeguarding", overdose, other
}

/// A national number to ring. These are fixed in the program, not sample data: a directory
/// import must never be able to change where someone in danger is sent.
public struct SafetyContact: Sendable, Encodable, Equatable {
    public let name: String
    public let phone: String
    public let when: String

    public static let emergency = SafetyContact(name: "Emergency services", phone: "999",
                                                when: "now, if life is in danger or someone is hurt; on a mobile, if you cannot speak, press 55")
    public static let nhs111 = SafetyContact(name: "NHS 111, option 2", phone: "111",
                                             when: "mental health crisis, any time, day or night")
    public static let samaritans = SafetyContact(name: "Samaritans", phone: "116 123", when: "to talk, any time, free")
    public static let domesticAbuse = SafetyContact(name: "National Domestic Abuse Helpline", phone: "0808 2000 247",
                                                    when: "free, 24 hours, for anyone afraid of a partner or family member")
    public static let childline = SafetyContact(name: "Childline", phone: "0800 1111", when: "for children and young people under 19, free, any time")
}

/// What the danger is, finer than `SafetyKind` (which the JSON contract fixes): it chooses the
/// message, the numbers and the crisis help that answers it. Each kind but `other` is its own concern.
public enum SafetyConcern: Sendable, Hashable {
    case suicide, selfHarm, domesticAbuse, childSafeguarding, overdose
    /// Someone unconscious, a rape, a threat to hurt another person.
    case emergency
    /// Commanding voices, fixed beliefs of being poisoned or hunted.
    case psychosis
    /// An adult abused or exploited by someone they depend on: money taken, rough care, scams.
    case adultAtRisk
}

extension SafetyConcern {
    /// What the crisis help that answers this danger is for (a condition) or who it is for (an
    /// audience): with a notice, crisis services carrying one of these come first of all.
    public var answeredBy: [String] {
        switch self {
        case .suicide, .selfHarm, .overdose, .psychosis: return ["mental-health-severe"]
        case .domesticAbuse: return ["domestic-abuse"]
        case .childSafeguarding: return ["children"]
        case .emergency, .adultAtRisk: return []
        }
    }
}

/// Shown before anything else when the words show risk to life or of serious harm.
public struct SafetyNotice: Sendable, Encodable, Equatable {
    public let kind: SafetyKind
    /// Not in the JSON contract: which danger of the kind, for the message and the help.
    public let concern: SafetyConcern
    /// The person's own words that raised it, so the navigator can see why.
    public let words: [String]
    public let message: String
    public let contacts: [SafetyContact]
    enum CodingKeys: String, CodingKey { case kind, words, message, contacts }
}

/// Reads a person's words for danger. Phrases, not single words: "end of life care for mum",
/// "my phone died" and "killing time" are everyday talk and must not raise a notice.
public enum SafetyCheck {
    struct Pattern {
        let kind: SafetyKind
        let concern: SafetyConcern
        let regex: GatedRegex
    }

    /// Patterns by kind, most urgent kind first (the notice takes the first kind found).
    /// Third-person suicide needs a word of intent ("wants to end his life") so that a
    /// bereavement ("my son took his own life") is not read as a crisis now.
    /// Medicines as people name them in an overdose or a plan, one home for every pattern below.
    static let medicine = #"(tablets|pills|paracetamol|medication|meds|painkillers|capsules|patches|antidepressants|sleeping (pills|tablets)|co-?codamol|codeine|tramadol|sertraline|citalopram|fluoxetine|amitriptyline|diazepam|insulin|morphine|co-?dydramol|ibuprofen|aspirin|propranolol|mirtazapine|quetiapine|olanzapine|zopiclone|pregabalin|gabapentin|lithium|venlafaxine|methadone)"#
    /// A child, as a speaker names one.
    static let child = #"(child|children|kids?|baby|babies|toddler|little one|son|daughter|boy|girl|grandson|granddaughter|grandchild|niece|nephew|stepson|stepdaughter)"#
    /// A partner or former partner.
    static let partner = #"(partner|husband|wife|boyfriend|girlfriend|ex|ex-partner|ex-husband|ex-wife|fiance|fiancee)"#

    static let sources: [(SafetyKind, SafetyConcern, [String])] = [
        (.overdose, .overdose, [
            #"\b(used|taken|took|had|smoked|injected)( some of)? ['"]?(the new stuff|something|some stuff|drugs|heroin|spice|ket)['"]?[^.]{0,60}\b(won'?t (respond|wake)|unresponsive|not responding|snoring loudly|not breathing|floppy)\b"#,
            #"\boverdos(e|ed|ing)\b(?!( \w+){0,3} (years|months) ago)(?! on (christmas|chocolate|telly|tv|sugar|netflix|sweets|cake|cheese|sunshine|coffee|box ?sets|shopping|food|turkey|mince pies|love))"#,
            #"\b(took|taken|swallowed|has had)\b( \w+){0,3} (too many|a whole (bottle|box|packet)|all (of )?(my|his|her|their|the)) ?(\w+ ){0,3}"# + medicine + #"\b"#,
            #"\b(had|took|taken|swallowed) (about |around |over )?(\d{2,}|a dozen|twenty|thirty) (of )?(\w+ )?"# + medicine + #"\b"#,
            #"\b(took|taken|swallowed|necked)\b( \w+){0,2} (a handful of|handfuls of|loads of|a load of|a packet of|a box of|a bottle of|a strip of|\d{2,}|twenty|thirty|forty|fifty) (of )?([\w']+ ){0,2}"# + medicine + #"\b"#,
            #"\b(swallowed|downed) (\w+ ){0,2}(tablets|pills|paracetamol|painkillers)\b"#,
            #"\b(took|taken|had|injected) (way )?too much (of )?(\w+ )?(heroin|methadone|insulin|medication|meds|paracetamol|fentanyl|morphine|gabapentin|pregabalin|spice|ketamine)\b"#,
            #"\b(mixed|mixing|washed down) (\w+ ){0,2}(pills|tablets|painkillers|meds) (with|and) (\w+ )?(vodka|alcohol|drink|booze|wine|whisky|gin|cider)\b"#,
            #"\b(drank|drunk|swallowed) (some )?(bleach|antifreeze|weedkiller)\b"#,
            #"\b(took|taken|swallowed|necked|downed) ([\w']+ ){0,3}(pills|tablets|painkillers) (and|with) (alcohol|vodka|drink|booze|wine|whisky)\b"#,
            #"\b(drank|drunk|downed|had) (a (whole )?bottle of|loads of|lots of|a load of) ([\w']+ ){0,2}(and|then|with) (took|taken|swallowed|necked|had) ([\w']+ ){0,2}"# + medicine + #"\b"#,
            #"\bod'd\b|\bod'?ed\b|\bod'ing\b"#,
            #"\bswallowed (everything|the lot|all the (\w+ )?(tablets|pills|meds))\b"#,
            #"\b(had|taken|took|swallowed|used|injected|necked) (her|his|their|my|the) (whole|entire|full) (week'?s|month'?s|fortnight'?s|box|bottle|packet|supply|prescription|script)\b"#,
            #"\b(taken|took|had|swallowed) something\b( [\w']+){0,4} (and )?(now )?(he'?s |she'?s |is |they'?re )?(fitting|unconscious|unresponsive|collapsed|not breathing|can'?t breathe)\b"#,
            #"\binjected (double|twice|triple|too much|extra|a double dose of)( \w+){0,2} (insulin|dose|heroin)\b"#,
            #"\b(gone|turned|going) (grey|blue)\b( [\w']+){0,3} (breathing|lips)\b"#,
            #"\bhad a go\b[^.]{0,60}\b"# + medicine + #"\b"#,
            #"\bempty (blister )?(packs|packets|strips|pill bottles|tablet bottles|boxes) of\b|\bempty blister packs?\b"#,
            #"\b(drunk|drank|had|swallowed) (most of |half )?a (whole )?bottle of ([\w']+ ){0,2}(oramorph|morphine|methadone|calpol|medicine)\b"#,
            #"\b(taking|took|taken|had) (about |around |over )?\d{2,} (\w+ )?"# + medicine + #"\b"#,
            #"\b(overdone|overdid) (it on )?the "# + medicine + #"\b|\b(two|three|four|several) (boxes|packets|bottles) of "# + medicine + #"\b"#,
            #"\b(took|taken|swallowed|had) a handful of ([\w']+ ){0,3}"# + medicine + #"\b"#,
            // From crisis-b.jsonl's odd ids (its even ids and crisis-heldout-a are held out).
            #"\b(had|took|taken|swallowed|necked|downed)( about| around| maybe| over)? ([89]|[1-9]\d+)( x)? (of )?(\w+ )?"# + medicine + #"\b"#,
            #"(^|\s)\?od\b|\b\d+ ?x ?(\w+ )?"# + medicine + #"\b(?= [^.]{0,30}\b(ago|tonight|today|this (morning|afternoon|evening)))"#,
            #"\b"# + medicine + #"\b[^.]{0,40}\b(instead of (one|once)|twice (by mistake|at (teatime|tea|breakfast|lunch|dinner))|by mistake)\b|\b(every day|daily) instead of (once a week|weekly)\b"#,
            #"\b(dosette|dossett|pill ?box|blister packs?)( box)?( \w+){0,2} (empty|emptied)\b|\bempty (dosette|pill ?box)\b"#,
            #"\b"# + medicine + #"\b[^.]{0,40}\b(with|and|on top of) (a |half a |most of a )?(bottle|bottles|litre) of (wine|vodka|whisky|gin|cider|rum)\b"#,
            #"\bpupils (are |were )?(tiny|pinpoint|pinned)\b|\bneedle (next to|beside|by|in) (him|her|them)\b"#,
            #"\b(smoked|taken|took|had|on) (spice|mamba|ket|ketamine|mdma|heroin|gbl|ghb)\b[^.]{0,40}\b(fitting|seizure|collapsed|unconscious|not breathing|can'?t wake)\b"#,
            #"\b(\d+|all (the|her|his)) (\w+ )?"# + medicine + #"( \w+)? (gone|missing) (since|from|overnight|this)\b"#,
        ]),
        (.suicide, .suicide, [
            #"\b(end|ending|take|taking) my (own )?life\b(?! back| into| in (my|your) (own )?hands| forward)"#,
            #"\b(want|wants|wanted|going|thinking|plans?|planning|about|trying|tried) to (end|take) (my|his|her|their) (own )?life\b(?! back| into| forward)"#,
            #"\bkill(ing)? (myself|himself|herself|themselves)\b"#,
            #"\bsuicidal\b(?!( \w+){0,2} (years ago|in the past|long ago|a long time ago|when i was (younger|a teenager|at school|a student)))"#,
            #"\bsuicide (thoughts|attempt|plan|note)s?\b"#,
            #"\b(thinking|thought|thoughts) (of|about) suicide\b"#,
            #"\b(end|ending) it all\b"#,
            #"\b(want|wants|wanting) to die\b(?! (at home|in (her|his|my|their) own( \w+)?|in (the )?hospice|in (her|his|my|their|a) bed|in peace|peacefully|with dignity|where))"#,
            #"\b(don'?t|do not|doesn'?t|does not) want to (live|be alive|be here any ?more|wake up|go on)\b"#,
            #"\bno (point|reason) (in )?(going on|living|carrying on|being here|being alive|to live|to go on)\b"#,
            #"\bbetter off (without me|without him|without her|dead|if i (was|were) (gone|dead))\b"#,
            #"\b(saving|saved|stockpil\w*|hoard\w*|collecting) (up )?(my|his|her|their)? ?"# + medicine + #"\b"#,
            // The means gathered: "enough pills to do it", "I have enough to not wake up".
            #"\benough( \w+){0,2} to (do it|end it( all)?|kill (myself|himself|herself)|die|not wake up|never wake up)\b"#,
            #"\bwish (i|he|she) (was|were|wasn'?t|weren'?t) (dead|alive|here|born)\b"#,
            #"\b(can'?t|cannot|can not) (go on|carry on|cope) (any ?more|like this)\b"#,
            // Indirect wording: no way out, wanting it over, life not worth living, and the means.
            #"\b(can'?t|cannot|can not|don'?t|do not) see (a|any) (way out|future|point in (living|going on|carrying on))\b"#,
            #"\bno way out (of this|of it|any ?more|now)\b|\b(feel|feels|felt|feeling|think|thinks) (like )?there'?s no way out\b"#,
            #"\b(want|wants|wanted|wanting|wish|just want) (it all|everything|all of this|all this) to (end|stop|be over)\b"#,
            #"\b(what'?s the|what is the|there'?s no|there is no|is there any|don'?t see the|see no) point (of|in) (living|going on|carrying on|being alive|being here|life|anything|it all|me being here)\b"#,
            #"\b(tired|sick|done) (of|with) (living|life|being alive)\b(?! (in|with|at|here|there|on|next|near|under|like))|\bhad enough of (life|living|being alive)\b"#,
            #"\b(life|living)( really)? (isn'?t|is not|is no longer|no longer|not) worth (living|it)\b|\bnothing (left )?to live for\b"#,
            #"\b(go to sleep|fall asleep|went to sleep) and (never|not) wake up\b(?! (till|until) (the )?morning)|\bnever wake up again\b"#,
            #"\b(hang|hanging|hanged|hung|top|topping|topped|off|offing) (myself|himself|herself|themselves)\b(?! up)"#,
            #"\b(do|doing|done) (myself|himself|herself|themselves) in\b"#,
            #"\b(jump|jumping|jumped|throw (myself|himself|herself)|step|stepping|walk|walking|lie|lying) (off|from|in front of|under|into) (a|the) (\w+ ){0,2}(bridge|train|bus|lorry|car|building|cliff|roof|car park|motorway|traffic|river|sea|canal)\b"#,
            #"\b(thinking|thought|thoughts|talking|talks|talked|talk) (of|about) (ending (it|things|everything)(?! (with|between|off))|not being here|not being around|killing (myself|himself|herself)|taking (my|his|her|their) (own )?life)\b"#,
            #"\b(going|want|wants|wanted|planning|plans|plan) to end (it|things|everything)\b(?! (with|between|off))"#,
            #"\b(goodbye|suicide) (note|letter|message)s?\b|\bsaid (his|her|their|my) goodbyes\b"#,
            #"\bno (point|reason) (in |for me |for me to |to )?(go on|going on|live|living|carry on|carrying on|be here|being here|be alive|being alive)\b"#,
            #"\b(plan|plans|planning|going|want|wants|thinking|thought) (to|of|about) (take|taking) an overdose\b|\bplan \(?(an )?overdose\b"#,
            #"\b(think|thinks|thinking|thought) (about|of) (dying|death|being dead|not being alive) (every day|all the time|a lot|constantly|every night)\b"#,
            #"\b(want|wants|wanting) out for good\b|\b(i'?m|i am|he'?s|she'?s) (done|finished) with (everything|it all|life)\b"#,
            #"\b(got|bought|have|hidden|hid|keeping|kept) (a )?(rope|ligature|hosepipe|razor blades)( [\w']+){0,6} (thinking|thought|think) (about|of) using (it|them)\b"#,
            #"\b(wrote|written|writing|left|sent) (\w+ ){0,3}(letters?|notes?|messages?|texts?)( \w+){0,4} (saying|to say) (sorry and goodbye|goodbye)\b"#,
            #"\b(better off|be fine|manage fine|cope fine|be happier|happier)( \w+){0,2} (if|when) (i|he|she) (wasn'?t|weren'?t|was not|were not) (around|here|alive)\b"#,
            #"\b(attempted|tried) suicide\b|\bsuicide attempt\b|\b(attempted|tried) to take (my|his|her|their) (own )?life\b|\bunalive\b"#,
            #"\b(wish|wishes|wished) (i|he|she|they) (could|would) (die|just die|not wake up|disappear for ?ever)\b|\b(want|wants) to be dead\b"#,
            #"\b(don'?t|do not|doesn'?t|does not) want to be (here|alive|around)\b(?! (in|at|on|when|for|with|by|alone|today|tonight))"#,
            #"(?<!when i )(?<!if i )(?<!day i )\b(can'?t|cannot|can not) (do|take) (this|it) any ?more\b(?! on my own| by myself| alone| without (help|a break)|,? not )|\b(can'?t|cannot) take any more of (this|it|life)\b"#,
            #"\bbetter off if (i|he|she) (wasn'?t|weren'?t|was not|were not) (here|around|alive)\b|\b(everyone|everybody|they|the family|my family)( would|'d)( all)? be better off\b"#,
            #"\b(i'?m|i am|i feel like|i feel|he feels|she feels|he'?s|she'?s) (just |such )?a burden (to|on) (everyone|everybody|my family|them|people|his family|her family)\b"#,
            #"\b(no ?one|nobody) would (miss me|notice if i (was|were) gone|care if i (died|was gone|wasn'?t here))\b"#,
            #"\b(might|will|'ll|going to|gonna|afraid i'?ll|scared i'?ll|worried i'?ll|worried he'?ll|worried she'?ll) do something (stupid|silly|daft) to (myself|himself|herself)\b|\bscared of what i might do to myself\b"#,
            #"\bgiv(e|ing) up on (life|living|everything)\b"#,
            #"\bwanna (die|end it|end my life|kill myself)\b|\bnoose\b"#,
            #"\b(ending|taking) (his|her|their) (own )?life\b"#,
            #"\b(looking up|looked up|researching|googling|googled|searching|searched) (for )?(ways|how) to (die|kill (myself|himself|herself)|end (it|my life|his life|her life))\b"#,
            #"\b(take|taking|swallow) all (of )?(my|his|her|their) (\w+ )?(tablets|pills|medication|meds)\b"#,
            #"\bbetter off\b( [\w']+){0,8} than (with )?me\b"#,
            #"\b(giving|given|gave|give) (away )?(all )?(my|his|her) (things|stuff|belongings|possessions|records|clothes|books|jewellery)( \w+){0,2} away\b(?![^.]{0,60}\b(charity|oxfam|moving|downsiz\w*|declutter\w*|clear(ing)? out|car boot))|\b(giving|given|gave) away (all )?(my|his|her) (things|stuff|belongings|possessions)\b(?![^.]{0,60}\b(charity|oxfam|moving|downsiz\w*|declutter\w*|clear(ing)? out|car boot))"#,
            #"\bhow many (of )?(my |his |her |the )?(\w+ )?"# + medicine + #"( it)? (would|will|it'?d) (take|kill|be enough)\b"#,
            #"\b(stood|standing|been standing|been stood|stand) (on|at|by) (the|a) (\w+ ){0,2}(bridge|cliffs?|edge|platform|railway|tracks|roof)( [\w']+){0,8} (looking|staring) down\b"#,
            #"\b(won'?t|will not|wouldn'?t) be (here|around) (after|by) (the |this )?(weekend|tomorrow|tonight|monday|tuesday|wednesday|thursday|friday|saturday|sunday|christmas)\b|\b(won'?t|will not) be alive\b"#,
            #"\bnot (to )?be (here|alive|around) at all\b|\bonly way out is (to )?(not be|die|end|kill|go)\b"#,
            #"\b(looking|looked|staring|stare|keep looking) at (the|his|my|her) (gun cabinet|shotgun|rifle|gun)\b"#,
            #"\b(hosepipe|hose pipe)( [\w']+){0,2} (and|with) (tape|gaffer|duct tape)\b|\b(found|hidden|hid) (a )?(hosepipe|hose pipe|rope|noose|ligature)( and \w+)? in (his|her|my|the) (boot|car|shed|garage|wardrobe|room|bag)\b"#,
            #"\bthis (one )?(is|will be|'?ll be) my last\b|\bmy last (winter|christmas|birthday|summer)\b(?! (here|in|at|before|with|as|of|working))"#,
            #"\b(painless|quick|easy|quickest|best) ways? (to go|to die|to end it|of dying|to kill (myself|himself|herself))\b"#,
            #"\b(think|thinking|thought|thoughts) (about|of) (steering|driving|swerving|crashing|walking|stepping|jumping|stepping out) (\w+ ){0,2}(into|in front of|off)\b"#,
            #"\b(goodbye|farewell) (posts?|videos?|messages?|texts?)\b|\bsaying goodbye to (everyone|everybody|us all)\b|\bsaid sorry for everything\b"#,
            #"\bdecided\b[\w', ]{0,40}\b(picked|chosen|pick|choose|set) the (day|date)\b(?! (for|of) )"#,
            #"\b(don'?t|do not|doesn'?t|does not) (plan|intend|expect) (on|to) (be|being) (alive|here|around)\b"#,
            #"\b(put|putting|set|setting|kept|keeping)( \w+)? (his|her|my|their|the) (old )?"# + medicine + #" (aside|by|to one side)\b"#,
            #"\b(tonight|today) feels like the (night|day)\b|\bwaiting for the right (moment|time)\b(?= [^.]{0,40}\b(pills|tablets|end|it)\b)"#,
            #"\bstopped (taking )?(my|his|her) (insulin|medication|meds|tablets|dialysis)( \w+)? on purpose\b"#,
            #"\b(rang|called|phoned|texted)( me)? from (the )?(top of the )?(cliffs?|bridge|edge)\b"#,
            #"\b(which|a|the) beam\b[^.]{0,40}\b(take|hold) (his|her|my) weight\b"#,
            #"\b(driving|drive|drove|steer|steering) (off|over) (the|a) (\w+ )?(bridge|cliff|edge|quarry)\b"#,
            #"\b(keeping|kept|keep|saving|saved|stashing|stashed|hiding) (back |up )?(\w+'?s |my |his |her )"# + medicine + #" for (it|later|when|the end)\b|\b(got|has got|have got|'?s got) (her|his|my) own plans\b"#,
            #"\b(step|stepping|jump|jumping|throw (myself|himself|herself)|lie down) in front of (one|it)\b"#,
            #"\bsaying (her|his|my|their) goodbyes\b|\bfor when (she'?s|he'?s|i'?ve|i have|she has|he has) had enough\b"#,
            #"\bfind (him|her|me) hanging\b|\bhanging (in|from) (the|a) (stairwell|garage|loft|tree|beam|banister)\b"#,
            #"\bin the car\b[^.]{0,30}\bengine running\b[^.]{0,40}\b(garage|door|hose|pulled down|closed)\b"#,
            #"\bhow long it takes to (drown|die|bleed out|suffocate)\b|\bhow easy it would be to (let go|end it|jump|step off|let the water|go under|drive off|die)\b|\blet the water take (me|him|her)\b"#,
            #"\bnot (that |too |really )?fussed about (seeing|making it to|being here for|living to see) (christmas|my birthday|the new year|the spring|spring|next year)\b|\b(doesn'?t|does not|don'?t|do not) intend to see (the )?(spring|christmas|summer|new year|next year|another (year|winter|christmas))\b"#,
            #"\b(i'?m|i am|im|he'?s|she'?s) ending it\b(?=[,.;!]|$| (all|tonight|today|tomorrow|soon|this (week|weekend)))"#,
            #"\b(got|have) the "# + medicine + #" (saved|stored|stashed|ready|hidden)\b|\b(rather|sooner) be dead\b|\bstanding on the edge of (the|a)\b"#,
            #"\bone (cartridge|bullet) would\b|\b(shotgun|gun|rifle) by (the|his|her|my) bed\b"#,
            #"\btied (in|into) a (loop|noose)\b|\b(letter|note)( [\w',]+){0,10} (what to do after|for after i'?m gone)\b"#,
            #"\b(carrier|plastic) bag over (her|his|my) head\b|(?<=')help (her|him|me) (to )?go(?=')"#,
            // From crisis-b.jsonl's odd ids (its even ids and crisis-heldout-a are held out).
            #"\bstones in (her|his|my|their) (coat |jacket )?pockets?\b"#,
            #"\b(take|taking|took|walk|walking|go|going) (herself|himself|myself|themselves)? ?(off )?(in)?to the (river|sea|cliffs?|bridge|woods|quarry|lake|canal|railway)\b[^.]{0,40}\b(not|never) (come|coming) back\b"#,
            #"\bso (it|this|that|everything) (all )?ends? (quicker|sooner|faster)\b|\b(stop|stopping) (eating|drinking)\b[^.]{0,30}\b(to die|so (i|she|he) (can|will) die|and die)\b"#,
            #"\b(plans?|planning|going|means|intends?|intending|wants?) to (jump|throw (himself|herself|myself|themselves)) (off|from|in front of)\b"#,
        ]),
        (.domesticAbuse, .domesticAbuse, [
            #"\b(he|she|they)('ll| will|'s going to| is going to| said (he|she)'?d| threatened to) (kill|hurt|hit|strangle) me\b"#,
            #"\b(my )?(partner|husband|wife|boyfriend|girlfriend|ex)( \w+){0,3} (hits|hit|beats|beat|punched|punches|kicked|kicks|slaps|slapped|strangled|choked|threaten\w*( to (kill|hurt|hit|harm))?|hurts) me\b"#,
            // Someone else's partner: "my daughter's husband beats her".
            #"\b"# + partner + #"( \w+){0,2} (hits|beats|beat|punches|punched|kicks|kicked|strangles|strangled|chokes|choked|rapes|raped|batters|battered) (her|him)\b"#,
            #"\b(too )?(scared|afraid|frightened|terrified) to leave (him|her|my "# + partner + #")\b|\b(she'?s|he'?s|she is|he is) too (scared|afraid|frightened) to leave\b"#,
            #"\b(hiding|hid|locked myself|barricaded myself)( \w+){0,4} (from|because) (him|her|my "# + partner + #")\b"#,
            #"\b"# + partner + #"( \w+){0,2} (is|was|has been|keeps) (smashing|smashed|wrecking|trashing|breaking) (up )?(the|our|my) (house|home|flat|place|door|things)\b"#,
            #"\b"# + partner + #"( \w+){0,3} (pushed|pushes|shoved|threw|throws|dragged|drags|grabbed) me (down|into|against|over|out of|across|off)\b"#,
            #"\b"# + partner + #"( \w+){0,3} (raped|rapes|sexually assaulted|forces me to have sex|forced me to have sex|makes me have sex)( me)?\b"#,
            #"\b"# + partner + #"( \w+){0,4} (controls everything|controls what i|checks my phone|tracks my phone|takes my phone|took my phone|took my keys|keeps my bank card)\b"#,
            #"\b(he'?ll|he will|she'?ll|she will|he'?s going to|she'?s going to|said he'?d|said she'?d|says he'?ll|says she'?ll|threatened to|threatens to) (kill|hurt|take) (the dog|the cat|my dog|my cat|the kids|my kids|the children|my children)\b"#,
            #"\b(i'?m|i am|i feel|we'?re|we are|it'?s|it is|i'?m just) not safe (at home|there|in the house)( with (him|her|them))?\b|\b(don'?t|do not) feel safe (at home|with (him|her|my "# + partner + #"))\b"#,
            #"\b(grown[- ]up |adult )?(son|daughter|brother|sister|grandson|granddaughter|nephew)( \w+){0,3} (hits|beats|punches|kicks|hurts|attacks|threatens) me\b"#,
            #"\b(put|puts|had|has|wrapped|wraps) (his|her) hands? (round|around|on) my (neck|throat)\b|\b(grabbed|grabs|squeezed|squeezes) my (neck|throat)\b"#,
            #"\bkeeps me (locked|shut) (in|up)\b|\b"# + partner + #"( \w+){0,4} (took|takes|keeps|has) my (bank card|passport|money|benefits)\b"#,
            #"\bthreaten\w* me with (a|his|her) (knife|gun|weapon|hammer|bat|blade)\b|\b"# + partner + #"( \w+){0,3} (broke into|broken into|forced (his|her) way into) my (house|home|flat)\b"#,
            #"\b(fled|fleeing|flee|escaped|escaping)( \w+){0,3} (with the (children|kids)|from (him|her|home|the house|(her|his|my) "# + partner + #"))\b|\b"# + partner + #"( \w+){0,3} (has|with) a history of (violence|abuse)\b"#,
            #"\bthrows? things at me\b|\bthrew things at me\b"#,
            #"\bthreaten\w* to (burn|set fire to|torch) (the|my|our) (house|home|flat|car)\b|\bwith me (and the kids )?in it\b"#,
            #"\b(afraid|scared|frightened|terrified) of (my )?(partner|husband|wife|boyfriend|girlfriend|ex)\b"#,
            #"\b(scared|afraid|frightened) to go home\b"#,
            #"\bdomestic (abuse|violence)\b(?! (charity|charities|training|course|service|services|awareness|champion|volunteer|group|support worker|worker|team|policy|organisation))"#,
            #"\b(threatened|threatens|threatening|threatened me|says he'?ll|says she'?ll|said he'?d|said she'?d) (to )?(kill|hurt|stab|burn|strangle) me\b"#,
            #"\b(he|she)( has| had|'s|'d)? (hit|hits|hurt|hurts|punched|punches|kicked|kicks|slapped|slaps|strangled|strangles|choked|chokes|beat|beats|shoved|raped|rapes|attacked|assaulted|threatens|threatened) me\b"#,
            #"\b(partner|husband|wife|boyfriend|girlfriend|ex)( \w+){0,2} (is|gets|can be|becomes|has been|was) (violent|aggressive|abusive|physical) (with|towards|to) me\b|\b(partner|husband|wife|boyfriend|girlfriend|ex)( \w+){0,2} (is|gets|has been) (violent|abusive)\b"#,
            #"\b(afraid|scared|frightened|terrified) (of|for my life with) (him|her)\b|\bscared for my life\b|\bfear for my (life|safety)\b"#,
            #"(?<!left an )(?<!left my )(?<!escaped an )\b(abusive|violent|controlling) (partner|husband|wife|boyfriend|girlfriend|ex|relationship|marriage)\b(?!( \w+){0,3} (years|months) ago)|\bcoercive control\b"#,
            #"\b(partner|husband|wife|boyfriend|girlfriend|ex)( \w+){0,2} (won'?t let me|controls (all )?(my|the) (money|phone)|takes my (money|phone|bank card)|locks me in|stalks me|is stalking me|keeps following me|keeps turning up)\b"#,
            #"\b(ex|he|she)( \w+){0,2} (is stalking|keeps stalking|has been stalking|is following|keeps following|keeps turning up at) (me|my)\b"#,
            #"\b(get|getting|run|running|escape|escaping|flee|fleeing) (away )?from (him|my (partner|husband|wife|boyfriend|girlfriend|ex))\b"#,
            #"\b(forced marriage|honou?r[- ]based (abuse|violence))\b"#,
            #"\b(knocks|knocked|knocking|pushes|pushed|pushing|throws|threw) me (about|around)\b|\broughs? me up\b|\bliving in fear (of|from) (him|her|my)\b|\b(he|she|partner|husband|boyfriend|ex)( is|'s)? threatening me\b"#,
            #"\bdecides (what|who|where) i (eat|wear|see|speak to|talk to|go)\b|\b(i'?m|i am) not allowed (my own|to see|to go out|out|to have|to speak|to talk)\b"#,
            #"\b(found|finding|arranged|chosen|picked) (me|her|him) a (husband|wife) (back home|abroad)\b|\b(taking|take|send|sending|sent) (me|her|him) (abroad|back home|away)( \w+){0,4} to (get married|be married|marry)\b|\b(made|make|making|force|forcing) (me|her|him) (to )?(get married|marry)\b"#,
            #"\b(shamed|brought shame on|dishonoured|disgraced) (the|our|my|his|her) family\b"#,
            #"\b(put|puts|fitted|installed|hid) a (tracker|tracking device|tracking app|gps tracker|gps)( \w+){0,2} on my (car|phone|bike|bag)\b|\bgoes mad if i'?m (\w+ ){0,3}late\b"#,
            #"\b(walked into|fell|tripped|bumped into)\b( [\w']+){0,6},? but (really )?it was (him|her|my (husband|partner|boyfriend|wife|girlfriend))\b"#,
            #"\b(stepdad|step-dad|dad|husband|partner|boyfriend|he)( \w+){0,3} (goes for|went for|going for|lays into|laid into|keeps hitting|keeps going for) (mum|my mum|her|my mam|mam)\b"#,
            #"\bmouthed help\b|\bwon'?t let (her|him) (see|speak to|talk to|visit) (us|anyone|her family|his family|her friends|his friends)\b"#,
            #"\bthreaten\w* to (send|share|post|put|show) (the )?(photos|pictures|pics|videos|images)( of me)?\b"#,
            #"\bturned up with (a )?(split lip|black eye|bruises|bruised face)\b|\b(split lip|black eye)( [\w']+){0,3} (saying|says|said) (she|he) (fell|walked into|tripped)\b"#,
            #"\b(driving|going|been) (round|around)( the area| town| the estate)? looking for me\b"#,
            #"\bknocked (her|him|me) out( cold)?\b|\bgets handy\b"#,
            #"\b(threw|throws|thrown|pushed|shoved|slammed) (her|him|me) (against|into|down) (the )?(wall|stairs|floor|door)\b"#,
            #"\b(held|holds|pulled|pulls) a (knife|gun|weapon) (on|to) (her|him|me)\b"#,
            #"\b(he|she)('ll| will|'d| would| said he'?d| said she'?d| says he'?ll| says she'?ll) kill (her|him) if\b"#,
            #"\bhits? (him|her|me) with (a|the|his|her|my) (own )?(saucepan|pan|bat|stick|walking stick|belt|bottle|hammer|chair|iron)\b|\b(has )?bitten (him|her|me)\b"#,
            #"\b(choking|choked|chokes|strangling|strangles|strangled) (me|her|him)\b|\b(squeezed|squeezes|grabbed|grabs|held) (her|his|my) (neck|throat)\b|\bby the throat\b"#,
            #"\bthrow acid\b|\bacid (in|on) (my|her|his) face\b|\b(left|leaving) a dead (bird|animal|rat|cat)\b|\byou'?re next\b"#,
            #"\bput (me|her|him) in the ground\b|\blocked (her|me) in the (bedroom|room|house|flat|bathroom|shed)\b|\bsmashed (her|my) phone\b"#,
            #"\bbreach(ing|ed|es)? (the |his |her |a )?(non-?mol|non-molestation order|restraining order|injunction)\b|\b(tried to |trying to )?(kick|kicked|kicking|smash|smashed|smashing) (the|my|her) (front )?door (in|down)\b"#,
            #"\b(makes|made|making) me share my location\b|\b(keeps|has|took|takes) (her|my) bank card\b"#,
            // From crisis-b.jsonl's odd ids (its even ids and crisis-heldout-a are held out).
            #"\bforced (into )?marriage\b(?! (awareness|training|unit))|\b(marry|marriage)\b[^.]{0,60}\b(passport|punish\w*)\b"#,
            #"\b"# + partner + #"( \w+){0,3} (follows|is following|followed|stalks|is stalking|stalked|sits outside|sat outside|waits outside|turns up outside|turned up outside|keeps turning up (at|outside))\b|\btracker on (her|his|my) (car|phone)\b"#,
            #"\b(held|holding|pinned|pushed|grabbed|had) (her|me|him)( \w+){0,4} by (her|my|his|the) (throat|neck)\b|\b(nearly|almost) (blacked|passed) out\b"#,
            #"\b(he|she)'?s got (the|a) (kitchen )?knife\b"#,
            #"\b(husband|partner|boyfriend|ex|son|daughter|brother|grandson|nephew)\b[^.]{0,50}\b(threw|shoved|kicked|punched|strangled|choked|slapped) (her|me|mum|dad)\b"#,
        ]),
        (.childSafeguarding, .childSafeguarding, [
            #"\b(hits|beats|hurts|touches|touched|hurt|hit|beat|burns|burned|locks?|shakes|shook) (the|my|our|his|her) (little |baby |younger |youngest )?(child|children|kids?|son|daughter|baby|boy|girl|grandson|granddaughter|stepson|stepdaughter)\b|\b(hits|beats|hurts|touches|touched|hurt|hit|beat|burns|burned|shakes|shook) (my|our) (little |baby |younger |youngest )?(sister|brother)\b"#,
            #"\b(child|son|daughter|baby|kids?|children) (is |are )?(being )?(abused|neglected|hit|beaten|groomed)\b"#,
            #"\b(my )?(dad|father|mum|mother|stepdad|stepmum|step-dad|step-mum|uncle)( \w+){0,2} (hits|beats|hurts|touches) me\b"#,
            #"\bleft (alone )?(home )?alone (all day|all night|overnight|for days)\b"#,
            // An adult who hurts, locks up or exploits a child; neglect; a known risk moving in.
            #"\b(dad|father|mum|mother|stepdad|stepmum|stepmother|stepfather|step-dad|step-mum|uncle|aunt|boyfriend|partner|grandad|grandfather)( \w+){0,3} (knocks|knocked|hits|beats|hurts|smacks|slaps|kicks|punches|shakes|burns) (them|him|her|"# + child + #"|the "# + child + #")( about| around)?\b"#,
            #"\b"# + child + #"( [\w']+){0,6} (broken|fractured|injur\w*|bruis\w*|burns?)( [\w']+){0,4} (nobody|no one|they can'?t|can'?t) (can )?explain\b"#,
            #"\b(1[0-5]|[1-9])( |-)?(year|yr)s?( |-)?old\b( [\w']+){0,6} (in a relationship with|going out with|seeing|sleeping with|dating)( [\w']+){0,2} (\d{2}( |-)?(year|yr)s?( |-)?old|much older|older|grown)\b"#,
            #"\b"# + child + #"( [\w']+){0,10} (parents?|mum|dad|mother|father) (are|is) (always |constantly )?(off (their|her|his) heads?|drunk|high|passed out|out of it)\b"#,
            #"\b(locks?|locked|locking|shuts?|shut) (him|her|them|the "# + child + #") in (a|the|his|her|their) (cupboard|room|shed|cellar|bedroom|garage)\b"#,
            #"\b(hurt|hurts|touched|touches|touching|touch) (her|his|their) (private parts|privates|private bits|bottom|down there)\b"#,
            #"\b(boyfriend|stepdad|step-dad|stepfather|uncle|man|partner|dad|father|grandad|lodger)( \w+){0,3} (gets|got|getting|comes|came|climbs|climbed) (into|in) (her|his) bed\b"#,
            #"\bsending (\w+ ){0,2}(pictures|photos|pics|images|videos) (of (herself|himself) )?to (a|an|older) (older )?(man|men|stranger|adult|lad)\b"#,
            #"\b"# + child + #"( \w+){0,2} (hasn'?t|haven'?t|has not|have not) (been fed|eaten|had any food|had a feed)\b"#,
            #"\b(conviction|convicted|a record) for (hurting|harming|abusing|assaulting) (children|kids|a child|a baby)\b|\bsex offenders? register\b|\bschedule (one|1) offender\b"#,
            #"\b(made|forced|being made|being forced|groomed) to (sell|carry|deal|run|hold|move) (drugs|packages|weed|knives|parcels)\b"#,
            #"\b(hits|hitting|beats|beating|hurts|hurting|kicks|kicking|punches|slaps|slapping|smacks|throws|strangles|chokes|shaking) (the|my|our|his|her|their) (kids|children|baby|babies|son|daughter|toddler|little one)\b"#,
            #"\b(uncle|stepdad|step-dad|stepfather|teacher|coach|man|boyfriend|neighbour|cousin|grandad)( \w+)? (has )?(touched|been touching|molested|molesting|abused|is abusing) (her|him|my (son|daughter|child)|them)\b|\bmolest(ed|ing)?\b"#,
            #"\b(child|children|kids?|baby|son|daughter)( \w+){0,2} (is |are )?(at risk of (harm|abuse)|in danger)\b"#,
            #"\b(bruises|bruising|burns|marks|a black eye|black eyes|welts) (on|all over) (the|my|our|his|her|their) (child|children|kids?|baby|son|daughter|toddler|grandson|granddaughter)\b"#,
            #"\b"# + child + #"( \w+){0,2} (has|had|came home with|comes home with|with) (bruises|unexplained bruises|burns|a black eye|marks on|injuries he|injuries she)\b"#,
            #"\b"# + child + #"( \w+){0,3} (is |are |gets |get |being |been )(left) (alone|on (his|her|their|its) own|by (himself|herself|themselves))( for (hours|days|the night)| all (day|night)| overnight)\b"#,
            #"\b(older|grown) (men|man|lads|boys)( \w+){0,3} (give|giving|gives|gave|buy|buying|bought) (her|him|them) (drugs|alcohol|drink|money|gifts|lifts|phones)\b"#,
            #"\b(being|been|was|were|is being) (groomed|sexually abused|sexually exploited|trafficked)\b|\bchild (sexual )?(abuse|exploitation|neglect)\b|\bcounty lines\b(?! (awareness|training|session|talk|workshop))"#,
            #"\b(touch|touched|touches|touching) (her|him|them|my (son|daughter|child|kids)|the (children|kids))( \w+)? (inappropriately|sexually|down there|in (her|his|their) private)\b"#,
            #"\b(sending|sent|sends|asking|asked|asks) (her|him|my (son|daughter)|them) (for )?(sexual|explicit|nude|naked|rude|dirty) (messages|pictures|photos|pics|images)\b"#,
            #"\b(comes|came|coming) into my (bed)?room at night\b"#,
            #"\b(child|children|kids?|baby|son|daughter|grandson|granddaughter|toddler)( \w+){0,2} (isn'?t|is not|aren'?t|are not|wouldn'?t be|won'?t be|not) safe\b(?! (to|crossing|near|around|online|on (the|his|her|their) (own|bike|road)))"#,
            #"\b(not feeding|doesn'?t feed|won'?t feed|starving) (the|my|her|his|their) (kids|children|baby|toddler)\b|\bleaves? (the|her|his|their) (kids|children|baby|toddler) (alone|on (their|its) own)\b"#,
            #"\b(asking|asks|asked|wants|wanted|getting|told) (her|him|them) to (keep|send)( [\w']+){0,4} (secret|photos|pictures|pics|nudes|images)\b|\bkeep (their|our|the) (chats|messages|talks|games) (a )?secret\b"#,
            #"\b(lad|boy|girl|kid|child)( of| about| aged)? 1[0-7]\b( [\w']+){0,10} (with|around) (grown|older) (men|man|lads)\b|\btwo phones\b"#,
            #"\b(finger|fingertip|hand|grip|belt)[- ]?(shaped|mark) (bruises|bruising|marks)\b"#,
            #"\b(parents?|mum|dad|mother|father|mam)('s| is| are) (always |constantly |usually )?(off (their|her|his) (heads?|face)|drunk|high|passed out|out of it|out cold)\b"#,
            #"\b(off (her|his|their) (face|head)|drunk|high|stoned)( [\w']+){0,3} (and|then) (drives?|drove|driving) (him|her|them|the kids|the baby|home)\b"#,
            #"\b(keeps|kept|keep) going missing( overnight| at night| for days)?\b|\bcomes? (back|home) with (money|cash|new phones?|gifts|drugs)\b"#,
            #"\b(plays|play|played|playing) (secret|special) games\b|\bsecret games\b"#,
            #"\b(coach|teacher|tutor|leader|man|adult|older (man|lad|boy))( \w+){0,3} (has been |keeps |is |been )?(messaging|texting|snapchatting|dming|contacting) (him|her)( [\w']+){0,3} (late at night|at night|all night|in the night)\b"#,
            #"\b(i'?m|i am|she'?s|he'?s|she is|he is) 1[0-7]\b[\w', ]{0,120}\b(older (guy|man|bloke|lad)|grown man)\b"#,
            #"\b(smacks?|hits?|slaps?|beats?|whacks?)( \w+){0,4} (so hard|that hard)( \w+){0,2} (it )?(leaves|left|leaving) (marks|bruises)\b"#,
            #"\b"# + child + #"( \w+){0,2} (has|had|with) bruising\b"#,
            #"\bmakes? (me|him|her|them) sleep (in|outside|on) (the )?(shed|garden|floor|garage|car)\b|\b(i|we) (don'?t|do not|never) get (tea|dinner|fed|any food)\b"#,
            #"\b(got|gets|getting) (her|him) (drunk|high|wasted)\b( [\w']+){0,8} (can'?t|doesn'?t|does not|cannot) remember\b"#,
            #"\bleaves? (the|her|his|their) (\d+[- ]year[- ]old|\d+[- ]month[- ]old|baby|toddler|kids|children)( \w+){0,4} alone\b"#,
            #"\b(telling|told|asking|asked|wants|wanted) (her|him) to meet (him|her|them)\b[^.]{0,60}\bnot (to )?tell\b"#,
            #"\bcomes? into (her|his|their) (bed)?room at night\b"#,
            #"\bwatering down (the )?(formula|milk|feeds?)\b|\bbaby( \w+){0,3} (pale and floppy|very floppy|floppy)\b"#,
            #"\bdangl(e|ed|es|ing) (the|her|him|a) (\w+ )?(girl|boy|baby|child|kid|toddler|son|daughter)?( \w+)?,?( about \d+,?)? over\b"#,
            #"\ba good hiding\b|\b(hit|hits|beat|beats|hitting|beating|whacked|whacks) (her|him|them) with a (cricket bat|belt|bat|stick|cane|slipper|wooden spoon)\b"#,
            #"\b(have|get|having|getting) (the girls|her|them|my daughters?|the girl) cut\b|\bfgm\b|\bfemale genital\b|\bcircumcis(e|ed|ion)\b(?=[^.]{0,40}\b(girls?|daughters?|her)\b)"#,
            #"\b(burn|burns|bruise|bruises|mark|marks)( \w+){0,4} shaped like (an? )?(iron|hand|fingers|belt|cigarette)\b"#,
            #"\bmakes? (her|him|me|them) watch (videos|films|porn|things)\b|\bgrown-?ups with no clothes on\b"#,
            #"\bhas (photos|pictures|pics|videos) of me\b[^.]{0,60}\b(send|share|post)\b|\bif i don'?t send (more|him|them)\b"#,
            #"\b(toddler|baby|child|little one|kids?)( \(\d+\))? (got into|drank|swallowed|ate) (her|his|the|my|mum'?s) (methadone|pills|tablets|medication|bleach)\b"#,
            // From crisis-b.jsonl's odd ids (its even ids and crisis-heldout-a are held out).
            #"\b(baby|infant|newborn|\d+ ?(wks?|weeks?|months?) old|\d+ ?(wks?|weeks?))\b[^.]{0,60}\b(bruis\w*|fractur\w*|torn frenulum)\b"#,
            #"\bonline\b[^.]{0,80}\b(pick(ing)? (him|her) up|meet(ing)? (him|her|up)|mustn'?t tell|must not tell|not to tell)\b|\b(mustn'?t|must not|not allowed to) tell (his|her) (mum|dad|parents|mother|father)\b"#,
            #"\b(nudes?|nude (pictures|photos|pics|images)|naked (pictures|photos|pics|images))\b[^.]{0,80}\b(threaten\w*|send more|unless)\b"#,
            #"\b(do|doing|does) a drop\b|\b(owes|owe) (them|him|the older)\b[^.]{0,60}\b(hurt|knife|drop)\b"#,
            #"\b(girl|boy|daughter|son),? (1[0-5]|[0-9])\b[^.]{0,80}\b(boyfriend|girlfriend)\b[^.]{0,30}\b(is|who is|aged) ([2-9]\d)\b"#,
            #"\b"# + child + #"\b[^.]{0,60}\b(thin and dirty|dirty and thin|sleeping in (their|his|her) coats)\b|\busing again\b[^.]{0,60}\b(can'?t|cannot) (get up|look after|cope)\b"#,
            #"\bput (mummy|mum|mommy|his mum|my mum) in hospital\b"#,
        ]),
        (.selfHarm, .selfHarm, [
            #"(?<!used to )(?<!history of )\bself[- ]?harm(ing|s|ed)?\b(?! in the past| years ago)"#,
            #"\b(keeps|kept|started|is|has been|been|still) cutting( again)?\b(?! (down|back|out|off|up|it|the|her|his|my|their|corners|costs|grass|a|an|through|in|into|across))"#,
            #"\bfound (razor )?blades in (her|his|their|my) (bag|room|pocket|bedroom|drawer)\b"#,
            #"\b(hitting|hits|punching|punches|slapping|slaps|biting|bites|scratching|scratches) (himself|herself|myself|themselves)\b"#,
            #"\b(cutting|cuts|cut|burning|burns|hurting|hurts|harming|harms) (myself|himself|herself|themselves)\b(?! off| out| short| free| loose| a (slice|piece))"#,
            #"\b(burn|burns|burning|burnt|burned) (my|his|her|their) (\w+ )?(with|using) (cigarettes?|a lighter|lighters|matches)\b|\b(cigarette|lighter) burns on (my|his|her|their)\b"#,
            #"\b(took|take|takes|taking|used|use|uses|using) (a )?(razor|blade|knife|scissors|compass)( blade)? (to|on) (my|his|her|their) (wrists?|arms?|legs?|thighs?|skin|stomach|body)\b"#,
            #"\b(bang|bangs|banging|banged|hits|hitting|punching|punches) (my|his|her|their) head (against|on|off) (the |a )?(wall|walls|floor|door)\b(?! (with|over|about|trying))"#,
            #"\bself[- ]?injur(y|ing|es|ed)\b"#,
            #"\b(cutting|cut|cuts|slashing|slashed|slit|slitting|scratching|scratches|burning|burns) (at )?(my|his|her|their) (own )?(wrists?|arms?|legs?|thighs?|skin|stomach)\b(?! (on|with|while|by accident|accidentally|gardening|cooking))"#,
            #"\b(cuts|scars|burns|scratches) (on|all over|up) (my|his|her|their) (wrists?|arms?|legs?|thighs?)\b"#,
            #"\b(thoughts|thinking|urges?) (of|about) (harming|hurting|cutting) (myself|himself|herself|themselves)\b"#,
            #"\b(urges?|urged|wants|want|tempted) to (harm|hurt|cut|burn) (myself|himself|herself|themselves)\b"#,
            #"\b(\w+'?s|she'?s|he'?s|i'?m|they'?re|been) cutting (again|herself|himself|themselves|myself)\b|\bdoing it again,? the cutting\b|\bthe cutting\b(?= [^.]{0,20}(again|only thing|helps|stops))"#,
            #"\b(scratch|scratching|scratched|carve|carving|carved|cut|cutting) (\w+ )?(words|letters|lines|names?|marks) into (her|his|my|their) (skin|arms?|thighs?|legs?|wrists?|stomach)\b"#,
            #"\bpunch(es|ing|ed)? (the )?walls? (till|until) (his|her|my|their) (knuckles|hands?) (split|bleed|bled|break|broke)\b"#,
            #"\b(bloody|blood-stained|bloodstained) tissues\b|\bblades? (out of|from) (a|her|his) (pencil )?sharpener\b"#,
            #"\bhold(s|ing)? (my|his|her) (hand|arm) (on|over|against) the (hob|cooker|iron|stove|fire|radiator)\b"#,
            #"\bbit(e|es|ing) (his|her|my|their) (own )?(arm|arms|hand|hands|wrist|fingers)( \w+)? (until|till) (it|they) bleeds?\b"#,
            #"\btaking it out on (myself|himself|herself)\b|\bhitting (my|his|her) (legs|arms|head|thighs)( with \w+( \w+)?)? (till|until)\b"#,
            #"\bmaking (herself|himself|myself) sick as (a )?punishment\b|\bplasters all over (her|his|my) arms\b"#,
            #"\bfresh (cuts|scratches|wounds|burns|marks|scars)\b"#,
            #"(?<!they )(?<!he )(?<!she )(?<!who )(?<!men )(?<!lads )\b(burning|burn|burns|burnt|burned|scalding|scalds|scalded) (my|his|her|their) (legs?|arms?|hands?|skin|thighs?|wrists?)\b(?! (accidentally|by accident|on the (iron|oven|stove|hob) by))"#,
            #"\b(carving|carved|carves|gouging|gouged|gouges|digging|dig|digs) (the )?(\w+ ){0,2}(into|at) (her|his|my|their) (arms?|face|skin|legs?|thighs?|wrists?|stomach)\b|\b(gouging|gouged|gouges|clawing|clawed|claws|scratching) (at )?(his|her|my|their) (face|arms?|skin|legs?)( \w+){0,4} (until|till) (it|they) bleeds?\b"#,
            #"\b(holding|held|holds|put|puts|putting) (her|his|my) (hands?|arms?) (under|in|on|over) (the )?(hot tap|boiling water|kettle|hob|iron|fire)\b"#,
            #"\bto punish (herself|himself|myself|themselves)\b|\bpunishing (herself|himself|myself|themselves)\b"#,
            #"\btakes? it out on (himself|herself|myself)\b"#,
            #"\bcutting (his|her|my|their) (thighs?|arms?|wrists?|legs?|stomach) with (a |the )?(stanley knife|razor|blade|compass|scissors|glass|knife)\b"#,
            #"\b(swallow|swallowing|swallowed|swallows) (drawing pins|pins|batteries|glass|blades|nails|screws)\b"#,
            #"\b(picks?|picking|reopens?|reopening|reopened) (open )?(her|his|my|the|old) (old )?(wounds|scabs|cuts)\b|\breopened (wounds|cuts)\b"#,
            #"\b(knocking|knock|knocks) (himself|herself|myself) about\b|\bhead-?butt(ed|ing|s)? (the|a) (wall|mirror|door|window)\b"#,
            // From crisis-b.jsonl's odd ids (its even ids and crisis-heldout-a are held out).
            #"\b(punching|punches|punched|punch) (a |the )?(brick )?walls? (to|until|till)\b"#,
            #"\b(slash|slashes|slashed|slashing) (at )?(his|her|my|their) (own )?(arms?|wrists?|legs?|thighs?|stomach|skin)\b|\b(cuts|cutting) (his|her|my|their) (arms|wrists|thighs)\b"#,
            #"\b(push|pushing|pushes|putting|sticking|poking) (objects|things|\w+) into (a |the |his |her |my )?(healing |open )?(wound|cut|scar)s?\b"#,
        ]),
        (.other, .emergency, [
            #"\b(not breathing|stopped breathing|unconscious|unresponsive|won'?t wake up|can'?t wake (him|her))\b"#,
            #"\b(i was|she was|he was|been|was) (raped|sexually assaulted)\b"#,
            #"\b(going|want|wants|threatening|threatened|threatens) to (kill|hurt|stab) (someone|somebody|him|her|them|his \w+|her \w+)\b"#,
            #"\bforced (himself|herself) on (me|her|him)\b|\bgrop(ing|ed|es|e)\b|\b(he|landlord|boss|man|bloke|helper|teacher|neighbour|doctor|lodger)( \w+){0,3} (touched|grabbed) me\b(?! on the (arm|shoulder))"#,
            #"\b(i'?ll|i will|i'?m going to|gonna|going to)( go down there and)? (stab|batter) (someone|somebody|him|her|them)\b|\bgetting a (knife|gun|blade|machete) to\b|\b(going to|gonna|threaten\w* to) (torch|burn down|set fire to) (the|his|her|their) (place|house|flat|home)\b"#,
            #"\b(i'?ll|i will) kill (him|her)\b( [\w',]+){0,8} (hammer|knife|bat|machete|gun) ready\b|\bgot the (hammer|knife|bat|machete) ready\b"#,
            #"\bnot responding\b|\bwon'?t respond\b(?! to)|\bbreathing (very |really )?(noisily|slowly)\b|\bcouldn'?t feel (him|her) breathing\b|\bcan'?t feel (him|her) breathing\b|\bgone grey\b"#,
            #"\bdidn'?t stop when (she|i|he) said no\b|\b(touching|touched) (her|him|me) under (her|his|my) (nightie|clothes|skirt)\b|\b(letting|let) himself into (her|my) (flat|room)\b|\btorn (underwear|knickers|pants)\b"#,
            #"\b(i'?ll|i will|gonna|going to) put (her|him|them) in hospital\b|\bknows where (she|he) (parks|lives)\b|\b(knife|blade) in (my|his|her) (school )?bag\b|\bpillow over (her|his) face\b"#,
            // From crisis-b.jsonl's odd ids (its even ids and crisis-heldout-a are held out).
            #"\b(is |now |started |keeps |been )fitting\b(?! (a|the|an|out|in|for|it|them|well|nicely|better|fine|perfectly|into)\b)|\bhaving a (fit|seizure)\b"#,
            #"\b(face|mouth)( has)? (dropped|drooping|droopy)\b|\bone side of (his|her|my) (face|body)\b[^.]{0,30}\b(dropped|drooping|numb|weak)\b"#,
            #"\binhaler (isn'?t|is not|not) (touching|working|helping)\b|\bcan (only )?get (a few|two|three) words out\b|\blips (are |were |gone |going |turning )?(blue|grey)\b"#,
            #"\b(fell|fallen|had a fall)\b[^.]{0,60}\b(can'?t|cannot|couldn'?t) get up\b(?! (the )?stairs| in the morning| off)(?![^.]{0,30}\bwithout\b)"#,
            #"\bforced (me|her|him) to have sex\b|\b(woke|woken|came round) (up )?in (a |some )?(stranger'?s|strange|someone'?s)( \w+)? (flat|house|room|bed)\b|\b(drink|drinks) (was |were )?spiked\b"#,
            #"\b(take|taking) (some of )?(you|them|a few of you) with (me|him|her)\b|\bpetrol can\b"#,
        ]),
        (.other, .psychosis, [
            // Acute psychosis: voices that command, fixed beliefs of being poisoned or hunted.
            #"\bvoices (are )?(telling|tell|told|that tell|ordering|order) (him|her|me|them)\b"#,
            #"\b(think|thinks|thought|believes|believe|convinced)( that)? (the )?(neighbours|people|someone|somebody|they|the police|the government|everyone|his family|her family|we|i)( \w+){0,2} (are|is|am|were|was) (trying to )?(poison|poisoning|kill|killing|hunting|spying on|watching|after) (him|her|me|them)\b"#,
            #"\b(thinks|think|believes|believe|convinced|sure)( that)? (he|she|they|i) (is|are|am|'s|'re|'m) being (followed|watched|poisoned|spied on|tracked|hunted|filmed) by\b"#,
            #"\b(thinks|believes|convinced|says|thinking) (he|she|they|i) (is|are|am|'s|'re|'m) (god|jesus|the messiah|a prophet|the chosen one)\b"#,
            #"\b(the )?(devil|demons?|satan) (is|are) (inside|in|after|controlling|talking to) (him|her|me|them)\b"#,
            #"\b(tv|television|telly|radio|phone)( \w+){0,2} (is|are|keeps) (sending|talking to|giving) (him|her|me|them) (secret )?(messages|signals|instructions)\b"#,
            #"\b(is|he'?s|she'?s|i'?m|gone|going|become|becoming|got|getting) (very |really |acutely )?psychotic\b|\bpsychotic (again|episode)\b|\bbarricaded (himself|herself|themselves|myself)\b"#,
            #"\bvoices keep (telling|ordering) (him|her|me|them)\b"#,
            #"\b(convinced|thinks|believes|sure)( that)? (the )?([\w']+ ){1,3}(is|are) (trying to )?(poison|poisoning|spying on|hunting|controlling)\b"#,
            #"\b(swapped|replaced) (for|by|with) (an )?(impostor|imposter|double|robot|clone)\b|\bimpost[eo]r\b|\bhiding knives\b"#,
            #"\b(talking|talks|speaking) to (people|someone|things) (who|that) (aren'?t|isn'?t|are not) there\b|\bgod (has )?(sent|told|chosen) (him|her|me) to\b"#,
            #"\b(put|planted) a (chip|camera|tracker|device) in (his|her|my)\b|\bbeaming (radiation|signals|rays)\b|\bpull(ing)? (the|his|her|my) (tooth|teeth) out with pliers\b"#,
            #"\b(believes|thinks|convinced)( that)? the baby (has been|was|'s been) (swapped|replaced)\b|\bgiving (him|her|the baby) back to god\b"#,
        ]),
        (.other, .adultAtRisk, [
            // An adult at risk of abuse or exploitation: money taken, rough care, scams.
            #"\b(taking|stealing|took|stole|takes|steals|pocketing|helping (himself|herself) to) (money|cash)( \w+){0,2} (from|out of) (her|his|their) (bank|account|purse|wallet|pension|savings)\b"#,
            #"\b(taking|stealing|took|stole|takes|steals|pocketing|spending|spends) (all )?(her|his|their) (pension|benefits|savings|bank card)\b"#,
            #"\b(carers?|care staff|staff|care workers?|nurses)( \w+){0,3} (are|is|were|was|have been|has been) (rough|cruel|abusive|violent) (with|to|towards) (her|him|them|mum|dad|my (mum|dad|mother|father|nan|gran|grandad|grandma))\b"#,
            #"\b(bullying|bullied|pressuring|pressured|forcing|forced|conning|tricking|tricked) (her|him|them) (out of|into (giving|signing|handing)( over)?) (all )?(her|his|their) (money|savings|house|pension|home)\b"#,
            #"\b(got|made|persuaded|pressured|tricked|forced) (him|her|them|my (mum|dad|nan|gran|grandad|mother|father)) (to|into) (sign|signing|change|changing) (over )?(his|her|their) (house|home|savings|money|will|bank)\b"#,
            #"\b(scammed|scamming|conned|conning|defrauded|defrauding|fleeced|fleecing)( \w+){0,4} (out of )?(all )?(her|his|their|my) (savings|money|pension)\b|\b(scammed|scamming|conned|conning)\b( \w+){0,6} (given|handed over|sent|transferred) (them|him|her) (all )?(her|his|their) (savings|money|pension)\b"#,
            #"\b(moved|moving) (his|their|her) (mates|friends)( \w+)? into (her|his|my) (flat|house|home)\b|\b(dealing|selling drugs) (from|out of) (her|his|my|the) (flat|house|home|place)\b|\bcuckoo(ing|ed)\b"#,
            #"\bin the same (pad|nappy|incontinence pad|clothes) for (days|hours)\b|\bleft in bed all day\b|\bno food or drink\b"#,
            #"\bsaying (he'?s|she'?s|they'?re) from the (bank|police|hmrc|council)\b( [\w']+){0,6} (sent|given|paid|transferred)\b"#,
            #"\b(keeping|keeps|kept) (\w+'?s|his|her|their) (pension|benefits|savings)\b"#,
            #"\b(boss|employer|they|he|she)( \w+){0,2} (keeps|kept|took|has|holds) (her|his|my|their) passports?\b|\bworks? for nothing\b"#,
            #"\bmakes? (him|her|them|mum|dad) sign (papers|things|forms|cheques|documents)\b"#,
            #"\b(got|getting|making|made|forcing) (him|her|them) (carrying|to carry|holding|to hold|keeping|to keep|selling|to sell) (packages|parcels|drugs|stuff)\b"#,
            #"\b(she'?s|he'?s) got (a )?bruis(e|es|ing) on (her|his) (face|neck)\b"#,
            #"\bsitting in (his|her) own (mess|urine|faeces|waste)\b|\bno (water|heating|food) (or|and) (no )?(heating|food|water)\b|\bleaving no (heating|food)\b|\b(drinking|drank) from the (rain butt|toilet)\b"#,
            #"\b(selling drugs|dealing) from it\b|\bburn(ed|t)? (his|her) (arm|hand|leg) with a cigarette\b"#,
            #"\bkeeps coming back for more money\b|\btook (her|him) to the bank for\b|\baccidents happen to (old|people)\b"#,
            #"\b(carer|carers|care worker|staff)( \w+){0,3} (slapping|slapped|hitting|hit|dragging|dragged|pushing|pushed|pinching|pinched) (mum|dad|her|him|my (mum|dad|nan|gran))\b"#,
            // From crisis-b.jsonl's odd ids (its even ids and crisis-heldout-a are held out).
            #"\bcold to the touch\b"#,
            #"\bhis bedroom kept locked\b|\b(they|he|she) (hold|holds|has|have|keep|keeps) (his|her) bank card\b|\bnot allowed in (his|her) own (kitchen|home|flat|house)\b"#,
        ]),
    ]

    /// One regular expression per pattern, in lower case against folded words (`fold`). This runs
    /// on every keystroke of the needs form. Measured on the 103 dev people (2026-12-03): the
    /// patterns one by one cost 1.1 ms a text in all, where one alternation per kind cost about
    /// 7 ms (ICU tries every alternative at every word and keeps none of a single pattern's
    /// shortcuts); case-insensitive matching was slower again.
    static let patterns: [Pattern] = sources.flatMap { kind, concern, list in
        list.map { Pattern(kind: kind, concern: concern, regex: GatedRegex($0)) }
    }

    /// Curly quotes and runs of space fold, so "he’ll" reads like "he'll".
    static func fold(_ text: String) -> String {
        let t = text.lowercased().replacingOccurrences(of: "\u{2019}", with: "'").replacingOccurrences(of: "\u{2018}", with: "'")
        return t.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// The notice for these words, or nil. `age` is that of the person who needs help: a
    /// child or young person's danger also gets Childline.
    public static func check(_ text: String, age: Int? = nil) -> SafetyNotice? {
        let t = fold(text)
        guard !t.isEmpty else { return nil }
        let ns = t as NSString
        var found: [(SafetyKind, String)] = []
        var concerns: [SafetyConcern] = []
        var taken: [(SafetyKind, NSRange)] = []
        let sentences = CrisisCues.sentences(t)
        for p in patterns {
            for m in p.regex.matches(in: t, range: NSRange(location: 0, length: ns.length)) {
                // Two patterns of a kind on the same words say it once.
                if taken.contains(where: { $0.0 == p.kind && NSIntersectionRange($0.1, m.range).length > 0 }) { continue }
                let words = ns.substring(with: m.range)
                if routine(before: m.range, in: ns, words: words) { continue }
                if teaching(words, at: m.range, in: ns) { continue }
                // Over, dated, denied or taught: "history of overdose (2017), stable on OST".
                if let s = CrisisCues.sentence(holding: m.range, in: sentences), s.calm(matching: words, at: m.range) { continue }
                taken.append((p.kind, m.range))
                found.append((p.kind, words))
                concerns.append(p.concern)
            }
        }
        // "planning to take an overdose" is a plan (suicide), not an overdose taken.
        if let plan = SafetyCheck.overdosePlan.firstMatch(in: t, range: NSRange(location: 0, length: ns.length)) {
            let planned = ns.substring(with: plan.range)
            for i in found.indices.reversed() where found[i].0 == .overdose && planned.contains(found[i].1) { found.remove(at: i); concerns.remove(at: i) }
        }
        // The cues, read once, when no phrase matched ("16 co-codamol gone since yesterday"), or
        // when a phrase heard a body in danger that the cues put after drugs taken ("injected
        // heroin and I can't wake him"), which is an overdose.
        let emergency = found.first?.0 == .other && concerns.first == .emergency
        if found.isEmpty || emergency, let (kind, concern, words) = CrisisCues.read(sentences, age: age), found.isEmpty || kind == .overdose {
            // The deciding cue always has words; the whole text stands in should one not.
            found = (words.isEmpty ? [t] : words).map { (kind, $0) }
            concerns = found.map { _ in concern }
        }
        guard var kind = found.first?.0, var concern = concerns.first else { return nil }
        let young = age.map { $0 < 19 } ?? false
        // A child saying a parent hurts them is safeguarding, not a partner's abuse.
        if kind == .domesticAbuse, young, partnerWords.firstMatch(in: t, range: NSRange(location: 0, length: ns.length)) == nil {
            kind = .childSafeguarding; concern = .childSafeguarding
        }
        // Fear of someone who is no partner, beside an adult's money or care taken: an adult at
        // risk. Violence from family ("grabs her by the throat") stays domestic abuse.
        if kind == .domesticAbuse, concerns.contains(.adultAtRisk),
           !found.contains(where: { $0.0 == .domesticAbuse && violence.firstMatch(in: $0.1, range: NSRange(location: 0, length: ($0.1 as NSString).length)) != nil }),
           !found.contains(where: { $0.0 == .domesticAbuse && anyPartner.firstMatch(in: $0.1, range: NSRange(location: 0, length: ($0.1 as NSString).length)) != nil }) {
            kind = .other; concern = .adultAtRisk
        }
        // Commanding voices or fixed beliefs beside words of being hurt by no partner ("the voices
        // tell me to hurt my neighbour before she hurts me"): the danger is the psychosis.
        if kind == .domesticAbuse, concerns.contains(.psychosis),
           !found.contains(where: { $0.0 == .domesticAbuse && anyPartner.firstMatch(in: $0.1, range: NSRange(location: 0, length: ($0.1 as NSString).length)) != nil }) {
            kind = .other; concern = .psychosis
        }
        let kinds = Set(found.map(\.0))
        var contacts: [SafetyContact] = [.emergency]
        if kinds.contains(.suicide) || kinds.contains(.selfHarm) || kinds.contains(.overdose) { contacts += [.nhs111, .samaritans] }
        else if concerns.contains(.psychosis) { contacts.append(.nhs111) }
        if kinds.contains(.domesticAbuse) { contacts.append(.domesticAbuse) }
        if kinds.contains(.childSafeguarding) || young { contacts.append(.childline) }
        var seen = Set<String>()
        let words = found.map(\.1).filter { seen.insert($0).inserted }
        return SafetyNotice(kind: kind, concern: concern, words: words, message: message(concern), contacts: contacts)
    }

    /// Words of bodily violence, which keep abuse by family domestic abuse.
    static let violence = GatedRegex(#"\b(throat|neck|strangl\w*|chok\w*|hit|hits|punch\w*|kick\w*|threw|thrown|pushed|shoved|slapped|slaps|slapping|beat|beats|knife|knocked)\b"#)

    static let overdosePlan = GatedRegex(#"\b(plan|plans|planning|going|want|wants|thinking|thought) (to|of|about) (take|taking) an overdose\b|\bplan \(?(an )?overdose\b"#)

    /// The speaker's own partner named in the words ("my boyfriend", not "my mum's boyfriend"):
    /// a young person's partner's abuse stays domestic abuse.
    static let anyPartner = GatedRegex(#"\b"# + partner + #"\b"#)
    static let partnerWords = GatedRegex(#"\bmy "# + partner + #"\b"#)

    /// Taking tablets as a routine: "forgets whether she has taken all her tablets", "needs help
    /// to take all his pills". Words about medicine preceded by these are not an overdose or a plan.
    nonisolated(unsafe) static let medicineRoutine = try! NSRegularExpression(pattern:
        #"\b(forget|forgets|forgot|forgetting|remember|remembers|remembering|remind|reminder|reminders|whether|if (he|she|they|i)|make sure|supposed to|meant to|has to|have to|needs to|need to|help (him|her|me|them)( to)?|help (to|with)|should|prompt|prompting|as prescribed|with (her|his) (breakfast|tea|dinner)|this morning as)\b"#,
        options: [])
    static let medicineWords = ["tablet", "pill", "medication", "meds", "paracetamol"]

    /// The name of a danger as the subject of training ("overdose awareness training", "Mental
    /// Health First Aid: responding to suicidal thoughts"): the words are a bare term, a teaching
    /// word is in the same sentence, and nobody in that sentence did or has anything ("I've taken
    /// an overdose, is there a course" is an overdose). A support group does not count: "I've been
    /// self-harming, is there a group" is a person's own words.
    static let bareTerms: Set<String> = ["overdose", "overdoses", "suicide", "suicidal thoughts", "suicidal", "self-harm", "self harm", "county lines"]
    static let teachingWords = GatedRegex(#"\b(awareness|training|course|workshop|first aid|webinar|e-learning|talk for)\b"#)
    static let someonesAct = GatedRegex(#"\b(i|i'?ve|i'?m|i'?d|me|my|he|she|he'?s|she'?s|they'?ve|they'?re|we'?ve|taken|took|had|has|have|is|was|feels?|felt)\b"#)

    static func teaching(_ words: String, at range: NSRange, in ns: NSString) -> Bool {
        guard bareTerms.contains(words) else { return false }
        let stops = CharacterSet(charactersIn: ".?!;")
        let before = ns.rangeOfCharacter(from: stops, options: .backwards, range: NSRange(location: 0, length: range.location))
        let after = ns.rangeOfCharacter(from: stops, range: NSRange(location: range.location + range.length, length: ns.length - range.location - range.length))
        let start = before.location == NSNotFound ? 0 : before.location + 1
        let end = after.location == NSNotFound ? ns.length : after.location
        let sentence = ns.substring(with: NSRange(location: start, length: end - start))
        let whole = NSRange(location: 0, length: (sentence as NSString).length)
        return teachingWords.firstMatch(in: sentence, range: whole) != nil && someonesAct.firstMatch(in: sentence, range: whole) == nil
    }

    static func routine(before range: NSRange, in ns: NSString, words: String) -> Bool {
        guard medicineWords.contains(where: { words.contains($0) }) else { return false }
        var start = max(0, range.location - 40)
        // Not across a sentence: "wants help with fuel vouchers. Said he took a handful…".
        let stop = ns.rangeOfCharacter(from: CharacterSet(charactersIn: ".?!;"), options: .backwards,
                                       range: NSRange(location: start, length: range.location - start))
        if stop.location != NSNotFound { start = stop.location + 1 }
        // From 40 characters before to 25 after: "took all her tablets this morning as prescribed".
        let end = min(ns.length, range.location + range.length + 25)
        let window = NSRange(location: start, length: end - start)
        return medicineRoutine.firstMatch(in: ns as String, range: window) != nil
    }

    static func message(_ concern: SafetyConcern) -> String {
        switch concern {
        case .overdose: return "They may have taken an overdose. Call 999 now, even if they seem well."
        case .suicide: return "They may be thinking of ending their life. Ask them directly, stay with them, and get help now: 999 if they are in danger, NHS 111 option 2, or Samaritans."
        case .selfHarm: return "They may be harming themselves. Call 999 if an injury is serious; otherwise NHS 111 option 2 or Samaritans today."
        case .domesticAbuse: return "They may be in danger from a partner or family member. If they are in danger now, call 999; the National Domestic Abuse Helpline is free, day and night."
        case .childSafeguarding: return "A child may be at risk. If the child is in danger now, call 999, and follow your safeguarding procedure today."
        case .emergency: return "Someone may be in danger. If life is at risk, call 999 now."
        case .psychosis: return "They may be in a mental health crisis (psychosis). If anyone is in danger, call 999; otherwise NHS 111 option 2 now, day or night."
        case .adultAtRisk: return "An adult may be being abused or exploited. If they are in danger now, call 999; tell the council's adult social care team today (urgent safeguarding goes to the duty social worker the same day)."
        }
    }
}
