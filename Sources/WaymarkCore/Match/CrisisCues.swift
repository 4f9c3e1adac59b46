import Foundation

/// The second reading of a person's words for danger: by cues and their context, not by
/// phrases. `SafetyCheck`'s patterns name the ways people have been heard to say a danger; they
/// miss the ways nobody wrote down ("16 co-codamol gone since yesterday", "he'll be gone before
/// the bailiffs"). This reader looks in each sentence for kinds of words, and a notice needs
/// them together: a medicine, taking it and more than a dose; violence and who does it to whom; a
/// child and someone older; a body in danger and a time that is now. It also says when a sentence
/// is calm (over, dated, denied, a course about it), which `SafetyCheck` uses to set aside its own
/// patterns' matches.
///
/// Written from `crisis-dev.jsonl`, crisis-b's odd ids, `crisis-c.jsonl` (150 look-alikes) and
/// `crisis-e.jsonl`; measured on crisis-b's even ids, `crisis-heldout-a.jsonl` and
/// `crisis-heldout-d.jsonl`, never tuned on (docs/matching.md).
enum CrisisCues {
    enum Cue: Int, CaseIterable {
        case medicine, intake, amount, body, weakBody, chronic, now, nowStrong, past, me, child, childAge, partner, family, hits, threat, fear, sexual, exploit, neglect, suicide, selfHarm, adultExploit, threatToOthers, grownChild, peers, teaching, calmed, pastForSure, volunteering, unexplained, stalking, welfare, hyperbole

        var pattern: String {
            switch self {
            /// A medicine, a drug or a poison, as people name them
            case .medicine: return #"\b(piriton|nurofen|calpol|anadin|lemsip|antihistamines?|ket|ketamine|mdma|mandy|ecstasy|ghb|gbl|dihydrocodeine|naproxen|metformin|statins?|morphine liquid|oramorph|tablets?|pills?|paracetamol|medication|meds|medicine|painkillers|capsules?|patch(es)?|antidepressants|co-?codamol|codeine|tramadol|sertraline|citalopram|fluoxetine|amitriptyline|diazepam|insulin|morphine|co-?dydramol|ibuprofen|aspirin|propranolol|mirtazapine|quetiapine|olanzapine|zopiclone|pregabalin|gabapentin|lithium|venlafaxine|methadone|fentanyl|oxycodone|warfarin|digoxin|methotrexate|heroin|spice|ketamine|cocaine|crack|ghb|valium|xanax|benzos?|opiates?|dosette|doses?|the white ones|the blue ones|sleepers|sleeping (pills|tablets)|nytol|anti-?freeze|bleach|weedkiller)\b"#
            /// Taking it: "took", "swallowed", "injected", "put three patches on"
            case .intake: return #"\b(drank|drunk|chewed|chewing|had loads of|had most of|ate|eaten|got into|took|taken|taking|swallowed|swallowing|had|injected|injecting|downed|necked|overdosed|used|popped|put (on|three|two|four|\w+ \w+ on))\b"#
            /// More than a dose: a count, "all of her", "a handful", "twice", "with a bottle of wine"
            case .amount: return #"(\bmost of\b|\b\d+\s?(x|of|tablets|pills)?\b|\ball (of )?(his|her|my|their|the|this week's|the week's|them)\b|\bwhole\b|\bpackets?\b|\bpacks?\b|\bboxes?\b|\bstrips?\b|\bhandful\b|\bloads?\b|\blots\b|\btwice\b|\bdouble\b|\btoo many\b|\binstead of\b|\bbottle\b|\bwith (a |some |half a )?(bottle|vodka|wine|beer|drink|alcohol|cans)|\bevery day instead\b|\ba month's\b|\ba week's\b|\bthe lot\b|\bgone\b)"#
            /// A body in danger whenever it is said: "not breathing", "lips blue", "won't wake"
            case .body: return #"(is choking|choking on|can'?t breathe or cough|snoring (weird|weirdly)|speech (is |was )?slurred|sepsis|mottled|worst (ever )?headache|neck stiffness|going grey|shaking uncontrollably|floor all night|on the floor (for )?(approx |about )?\d+ ?(hours|hrs)|\d+ ?(hours|hrs) after (a|the|her|his) fall|blood sugar (is )?(very )?low|reading (of )?[0-2]\.\d\b|not breathing|barely breathing|blue (round|around) the lips|stopped breathing|breathing (is |very |really )*(slow|shallow|funny|strange|noisy|rasping)|can('t| not|not)? only get a few words out|few words out|lips (are |have |were )?(gone |turned |going )?(blue|grey)|blue lips|unconscious|unresponsive|not responding|won'?t wake|can'?t wake|cannot wake|not waking|hard to wake|collapsed|slumped|(is|now|been|keeps|started|still|won'?t stop) fitting(?! well| nicely| in| into| the| a | her| his| them)|having a (fit|seizure)|face (has |is )?(just )?(dropped|drooping)|drooping|words (are |were )?(jumbled|slurred)|slurring|crushing|bleeding (heavily|badly|a lot)|won'?t stop bleeding|blood (all over|everywhere|pouring)|lots of blood|pool of blood|cold to the touch|snoring (in a )?(strange|funny|odd)|pupils (are )?(tiny|pinpoint|huge)|floppy|blacked out|passed out|keeps (nodding off|passing out)|nodding off|vomiting blood|coughing (up )?blood|turning blue|going blue|gone blue|clammy)"#
            /// A body in danger when it is now and not a long-standing condition: "can't breathe", "chest pain", "can't get up"
            case .weakBody: return #"(very sleepy|really sleepy|drowsy|being sick|vomiting|very confused|all confused|hallucinating|choking|can'?t breathe|cannot breathe|struggling to breathe|chest (is |feels )?(really |very )?(tight|pain)|chest pains?|can'?t (get up|stand|move (his|her|my) (legs|arm|side))|hasn'?t (eaten|drunk|had a drink)|no food or drink|lying on the floor|on the floor and|heart (is )?(racing|pounding)|confused and (sweaty|clammy)|sweaty,? confused|not making sense|seizures?|fitting(?! well| nicely| in| into| the| a | her| his| them))"#
            /// A long-standing, managed condition: "most weeks", "at night", "history of", "epilepsy"
            case .chronic: return #"\b(a bit (drowsy|sleepy)|in the (afternoons|mornings|evenings)|since (his|her|my) (\w+ )?(op|operation|surgery)|makes? (me|him|her) (drowsy|sleepy|sick)|making (me|him|her)|side effects?|\w+ risk|risk of|at night|most (weeks|days|nights)|every (night|week|day)|this month|sometimes|once|when (he|she|i) was|history of|has (epilepsy|asthma|copd)|epilepsy|keeps having|in (his|her|my) sleep|since (his|her|my) (treatment|diagnosis)|more and more|makes it worse|can'?t be left)\b"#
            /// Any word of now or lately, bare "now" included
            case .now: return #"\b(returning|coming back|now|right now|tonight|today|this (morning|afternoon|evening)|just|an? (hour|few hours|minutes?) ago|\d+ (mins?|minutes|hours?|hrs?) ago|minutes ago|at the moment|currently|since (last night|this morning|yesterday)|last night|yesterday|on (his|her|their) way|en route|outside)\b"#
            /// A time that is now or hours ago: "tonight", "an hour ago", "last night"; not a bare "now" ("she's 40 now")
            case .nowStrong: return #"\b(right now|tonight|today|this (morning|afternoon|evening)|just (now|found|taken|took|swallowed|texted|said|told|rang)|an? (hour|few hours|minutes?) ago|\d+ (mins?|minutes|hours?|hrs?) ago|minutes ago|at the moment|currently|last night|yesterday|on (his|her|their) way|en route)\b"#
            /// Something over: a year, "years ago", "used to", "recovered"
            case .past: return #"\b(in (19|20)\d\d|in the ('?\d0s|nineties|eighties|seventies)|back in|\((19|20)\d\d\)|historic(al)?|history of|as a (child|teenager|teen|kid)|years ago|\d+ years? (ago|on)|last year|used to|when (i|he|she) was (young|little|a child|at school)|as a child|recovered|is well now|rehab (is )?finished|no harm|fine now|no (thoughts of harm|concerns)|all fine|sorted now|in the past)\b"#
            /// The speaker
            case .me: return #"\b(i|i'm|im|i've|ive|i'd|i'll|me|myself)\b"#
            /// A child, by noun or by age ("15yo", "Y9 pupil", "4 yr old")
            case .child: return #"\b(\d+ ?yrs? old|child|children|kids?|baby|babies|toddler|little one|son|daughter|boy|girl|lad|grandson|granddaughter|grandchild|niece|nephew|stepson|stepdaughter|pupil|teen|teenager|infant|newborn|\d+ ?(yo|y/o|year[- ]old|-year-old)|y(ear)? ?\d{1,2} pupil|aged? (1[0-7]|[1-9])\b)"#
            /// An age under 18 written as notes write it ("girl, 14", "son (7)")
            case .childAge: return #"\b(after school|before school|my teacher|my form tutor|i'?m in y(ear)? ?\d+)\b|\b(she'?s|he'?s|i'?m|im|who'?s) (1[0-7]|[1-9])\b(?! (stone|miles|minutes|hours|days|weeks|months|pounds|quid|%|times|am|pm|o'?clock))|\b(aged? |is |, )?([1-9]|1[0-7])( ?(yo|y/o|-year-old| year old|yrs?)|\)|,)"#
            /// A partner or former partner
            case .partner: return #"\b(partner|husband|wife|boyfriend|girlfriend|ex|ex-partner|ex-husband|ex-wife|fiance|fiancee|hubby|other half|spouse)\b"#
            /// A family member
            case .family: return #"\b(dad|father|stepdad|step-dad|mum|mother|stepmum|brother|brothers|sister|son|uncle|aunt|cousin|family|in-laws|grandad|nan|mum's boyfriend|her dad|his dad)\b"#
            /// Bodily violence to someone ("hits him", "held her by the throat", "shakes their baby", "black eye"); "hit the shops" and "hits his sister" in a squabble are not it
            case .hits: return #"\b(gets violent|turns violent|becomes violent|throws things at (me|her|him)|burn marks on (her|his|both)|held (them|his hands|her hands) (on|over)|facial injuries|(beats|beat|beating|hits|hitting) (my|his|her) (mum|mother|wife|partner|dad|girlfriend|nan|gran)|(hit|hits|hitting|punch(ed|es|ing)?|kick(ed|s|ing)?|slap(ped|s|ping)?) (me|her|him|them|us|the (kids|children|baby)|my|our|(his|her) (mum|mother|dad|wife|partner|girlfriend|boyfriend|face|head))\b|strangl\w*|chok(ed|es|ing) (me|her|him)|throttl\w*|beat(s|en|ing)? (me|her|him|them|the kids|us)\b|beaten|shov(ed|es|ing)|pushed (me|her|him)(?! to| into)|threw (me|her|him|boiling|a |hot)|thrown (me|her|him)|grab(bed|s) (me|her|him)|attack(ed|s|ing)|assault(ed|s)|stab(bed|s)|burn(ed|t|s) (me|her|him)|held (me|her|him) (down|against|by)|pinned (me|her|him)|dragged (me|her|him)|locks? (me|her|him) (in|out)|locked (me|her|him) (in|out)|shut(s)? (me|her|him) in|shak(es?|ing) (the|our|my|her|his|their) baby|smash(ed|es)|bit (me|her|him)|black eye|bruis\w+|marks on (her|his|my) (neck|arms?|face|back))"#
            /// A threat or a weapon
            case .threat: return #"(threaten\w* to .{0,10}let (her|him|me) die|(going to|gonna|will|'ll|threaten\w* to) (burn down|set fire to)|threaten\w* (to (kill|hurt|harm|stab|burn|beat|hit|attack|take the (kids|children|baby))|me|her|him|us)\b|'ll kill|will kill|going to kill|gonna kill|kill (me|her|him|us|the kids)|'ll hurt|will hurt|going to hurt|or (they|he|she)'ll|be dealt with|be punished|finish (me|her|him|the conversation|it)|set (the flat|the house|me|her|it) (alight|on fire)|knife|gun\b|shotgun)"#
            /// Fear of a person: "scared of him", "too scared to ring anyone", "scared he'll get in"; not "frightened she'll fall"
            case .fear: return #"\b((scared|frightened|terrified|afraid|petrified) (of (him|her|them|what (he|she|they))|to (go|be) (home|back|alone with)|(he|she|they)('ll| will| might| is going to) (hurt|kill|hit|find|come|get in|do something|take)|to ring anyone|to tell)|too scared|in fear|fears? for (her|his|my) (life|safety)|not safe (at home|with)|hiding from)\b"#
            /// Sexual harm, or grooming
            case .sexual: return #"((hurt|touched|touches|touching) (her|him|me) .{0,3}down there|blood in (her|his) (knickers|pants)|photos of (him|her) in the (changing room|bath|shower)|told (him|her|me) (it'?s|it is) (a|our) secret|in exchange for sex|did something to me|woke (up )?(at|in) (his|a stranger'?s)|front bottom|private parts|privates|forced (me|her|him) to (have sex|do)|rap(e|ed)\b|sexually|touch(es|ed|ing) (me|her|him)|comes into (her|his|my) room|nudes?\b|nude (pictures|photos|images)|sexual pictures|between (her|his|my) legs|no memory after|spiked|groom(ing|ed|s)? (her|him|them|children|kids|a child|young)|being groomed|groomer|sextort\w*|emergency contraception)"#
            /// Exploitation: older men, owing them, a drop, someone online
            case .exploit: return #"(older (males|man)|\d\d[- ]?(year[- ]old|yo) (picks|takes|collects)|picks (her|him) up at (midnight|night)|plied with|under (his|their) control|(man|male|men) in (his|their) (20s|30s|40s)|older (man|male|boyfriend)|older (men|lads|boys)|owes? (them|money to)|do a drop|county lines|carrying a knife|new phone,? cash|cash and|can'?t go home|mustn'?t tell|not to tell|picking (him|her) up|met online|games with online|someone online|keeps going missing|gone missing|missing from home|cuckoo\w*)"#
            /// Neglect: no food, soiled, pressure sores, left alone
            case .neglect: return #"(hasn'?t been changed|there'?s no food|filthy|thin as a rake|bins for food|rooting through|haven'?t come for \d+ days|lying in (his|her|their) own (mess|urine|faeces)|nothing to drink|empty fridge|not (been )?fed|no food (at home|for)|money missing|tak(es|ing) (all )?(his|her) (money|benefits|pension)|asleep all day|losing weight|pressure sores?|down to the bone|no food in the house|not eaten|not in school for|thin and dirty|dirty and (thin|hungry)|sleeping in (their|his|her) coats|(was|been|is being|are being|were|being) left alone|home alone|left (him|her|them) (alone|on (his|her|their) own)|no heating|soiled|no one (has )?(fed|checked)|hasn'?t turned up for \d+ days|nobody has been)"#
            /// Intent or a plan to die, direct or not: goodbyes, means, "I'll be gone by the weekend"
            case .suicide: return #"(this is goodbye|see you on the other side|intends? to join (him|her)|(i'?ll|ill|i will) be dead (before|by)|left a note (for (everyone|my family|the kids|mum|dad)|on the (kitchen )?table|saying (goodbye|sorry))|don'?t (try and|try to) find me|(which|what|how many) .{0,40}would be fatal|quick and painless|wrong side of the railings|edge of the (top floor|roof|bridge|cliff)|intends? to jump|going to jump (off|from|in front)|made my peace|written letters to|won'?t be around (much longer|any ?more)|(i'?ll|ill|i will|he'?ll|she'?ll) be gone (by|before)|then it won'?t matter|last thing (i'?ll|ill) (ever )?sort|(texted|text|messaged|message|note|letter)( me| us| her| him)? (goodbye|saying goodbye)|sorry for everything|gone before|won'?t (need to|have to) worry|better off (without|dead|with the insurance)|goodbye (messages|letters|note|texts)|letters .* when i'?m gone|giv(ing|en) away (his|her|my|all)|rehomed the|sorted (my|his|her) (will|affairs)|put (the|a) (shotgun|gun|rope) |bought (a |some )?(hosepipe|rope|charcoal|disposable barbecues|barbecues|gaffer tape)|how (long|many) .{0,40}(to die|would kill|to kill)|take (myself|herself|himself) off|not come back|end it all|end it(?! with)(?=[.,!]|$| now| tonight| today| soon)|ends? quicker|jump (from|off)|in front of a (train|lorry|bus)|no point (any ?more|in (going on|living|carrying on))|can'?t (go on(?= *[.,!]|$| like this| any ?more| living)|do this any ?more|carry on(?= *[.,!]|$| like this| any ?more| living))|don'?t want to (be here(?! in | at | for | over | on | when)|wake up|live|exist)|wish (i|he|she) (was|were|wasn'?t) (dead|here)|tired of (living|life)|stockpil\w*|saving up (my|his|her) (tablets|pills|meds)|suspension bridge|railway line|nothing left to (do|live for)|say goodbye|said goodbye)"#
            /// Harm to oneself
            case .selfHarm: return #"(self[- ]inflicted|on (her|his|my) own skin|goug(e|es|ed|ing) (at )?(his|her|my)|stub(s|bing|bed)? (cigarettes|fags) out on|(tearing|pulling) (her|his|my) hair out|(picking|picks|pick|gouging|digging|tearing) .{0,30}(till|until) (it|they) bleeds?|went at (her|his|my) (arms?|legs?|wrists?)|tied (something|a \w+) (round|around) (my|his|her) neck|\bi (cut|burned|burnt|hurt) (myself )?again\b|lacerations|(pushed|pushing|pushes|stuck|sticking|putting) .{0,30}into (a|the|her|his) (cut|wound)|(hurt|hurts|hurting|injur\w*|harm\w*|hit|hits|slam\w*|bang\w*|burn\w*|cut\w*|swallow\w*) .{0,40}on purpose|cut(ting|s)? (my|his|her|him|her)self(?! off)|cutting (my|his|her) (arms?|legs?|wrists?)|slash\w* (my|his|her) (arms?|wrists?|legs?)|burn(ing|s|t)? (my|his|her)self|burn(ing|s|t)? (my|his|her) (arms?|skin|hands?)|scratch(ing|es|ed)? .{0,30}(into|her|his|my) (skin|arms?|stomach|legs?)|hurt(ing|s)? (my|his|her)self|harm(ing|s)? (my|his|her)self|self[- ]harm\w*|head[- ]bang\w*|bang(s|ing)? (his|her|my) head|punch(ing|es)? (walls?|the wall|a (brick )?wall)|pick(ing|s)? (at )?((his|her|my|the) )?(skin|wounds?|scabs?)|pushing objects into|ligature|blades?|razor|swallow(s|ed|ing)? (some |a few )?(batteries|pins|objects|glass)|to punish (myself|himself|herself)|to feel something|stitches)"#
            /// An adult exploited, scammed or held in their own home
            case .adultExploit: return #"(made to work|holds (his|her) (id|passport)|sleeps in a shed|taken over (my|his|her) (flat|home|house)|won'?t let (me|him|her) leave|being coached|scammers?|emptied (his|her|my) (savings|account)|given (him|them) £\d)"#
            /// A threat to hurt someone else, not the speaker ("going to stab the lad upstairs")
            case .threatToOthers: return #"(going to|gonna|will|'ll|wants to|says he'?ll|says she'?ll) (stab|kill|shoot|hurt|attack|burn|batter) (the|his|her|a|that|those|some|my) \w+|\bdo (his|her|the|my) \w+ in\b|list of names|take (some of )?(you|them|us) with (me|him|her)"#
            /// A son, daughter or grandchild named with a grown-up's age ("my son is 34")
            case .grownChild: return #"\b(son|daughter|grandson|granddaughter|stepson|stepdaughter|lad|boy|girl)('s| is|,| \(| aged?) ?(1[89]|[2-9]\d)\b"#
            /// Another child as the one who hurts: bullying, a boy at school. Hurt between children is for the school, not 999
            case .peers: return #"\b(bull(y|ied|ies|ying)|a (boy|girl|lad|kid) (in|at|from) (his|her|the)|another (boy|girl|child|kid|pupil)|in the playground|at school)\b"#
            /// Teaching about a danger, or a group for those helping
            case .teaching: return #"\b(awareness|training|course|workshop|first aid|webinar|e-learning|session for|information on|info on|leaflet|talk for|support group for parents|help others)\b"#
            /// Someone says it is over or safe: "stable", "111 said it's fine", "denies", "risk reviewed", "as prescribed"
            case .calmed: return #"\b(the questions? (about|on) (suicid\w*|self[- ]harm\w*)|survivor of|(i am|i'?m|am) safe now|stable|(111|pharmacist|doctor|gp|nurse|they|poisons( centre)?) (said|says|told (me|us)) (it'?s|it was|she'?s|he'?s|i'?m|there'?s|it would be) (fine|ok|okay|safe|harmless|no harm)|only vitamin|denies|no current risk|no (suicidal )?ideation|protective factors|risk (assessment|reviewed)|recovering|recovered|now well|been well|is well|doing well now|as prescribed|prescribed dose|no harm|help others)\b"#
            /// A past the words date: a year, "years ago", "as a child", "history of"
            case .pastForSure: return #"\b(in (19|20)\d\d|in the ('?\d0s|nineties|eighties|seventies)|back in (19|20)\d\d|\((19|20)\d\d\)|historic(al)?|history of|as a (child|teenager|teen|kid)|(\d+|two|three|four|five|ten|many) years (ago|on)|when (i|he|she) was (young|little|a child|at school|a teenager)|in the past)\b"#
            /// Volunteering, fundraising or training to help
            case .volunteering: return #"\b(volunteer\w*|fundrais\w*|train (as|to be)|peer supporter|help others|raise awareness|spotting)\b"#
            /// An injury nobody explains
            case .unexplained: return #"\b((says|said|claims) (he|she|it) fell .{0,40}(but|though)|explanation doesn'?t fit|can'?t (roll|walk|crawl) yet)|\b(unexplained|no explanation|can'?t explain|won'?t say how (he|she) got) .{0,40}(bruis\w*|fractur\w*|injur\w*|marks|burns?|broken)|(bruis\w*|fractur\w*|injur\w*|marks|burns?) .{0,40}(no explanation|unexplained)"#
            /// Being followed or watched, a court order broken
            case .stalking: return #"(knows where (i|she|he) lives?|photo of (my|her|his) (front door|house|flat)|reads my (post|messages)|(following|follows|followed) (me|her|him)|(court|restraining|non-molestation) order|turns up (outside|at)|outside (my|her|his) (flat|house|work|door|window) again|tracker on)"#
            /// Someone not seen for days
            case .welfare: return #"((she|he|they|mum|dad|my \w+) (has|have|'s) gone missing|missing from (home|the ward|the care home)|never came home|isn'?t answering.{0,20}hours|hasn'?t been seen (for|since)|not been seen (for|since)|milk (still )?on the doorstep)"#
            /// A figure of speech ("dying to", "killing time", "lol")
            case .hyperbole: return #"(kill (me|you|us) if (i'?m|i am|we'?re|you'?re|i forget|i forgot|i don'?t|i miss|i lose|i break|i eat|i'?m late)|\blol\b|\bhaha\b|only joking|dying (of|to|for)|bored to death|kill for|death of (her|him|me)|dead on (his|her|my) feet|killing (time|me)|phone (died|is dead)|battery)"#
            }
        }
    }

    /// Each cue's expression, compiled once, by the cue's raw value.
    static let compiled: [GatedRegex] = Cue.allCases.map { GatedRegex($0.pattern) }

    /// The cues a sentence brings a notice by; without one of them a sentence is not read further.
    static let triggers: [Cue] = [.suicide, .selfHarm, .medicine, .sexual, .exploit, .adultExploit, .threatToOthers, .neglect, .welfare, .stalking,
                                  .hits, .threat, .fear, .unexplained, .body, .weakBody]

    /// One sentence and the cues it holds, each looked for once and only when asked: nearly every
    /// sentence holds no trigger, and this runs on each keystroke of the needs form.
    final class Sentence {
        let text: String
        let range: NSRange
        private var asked: UInt64 = 0
        private var held: UInt64 = 0
        /// Cues set aside by the words around them (a figure of speech, a routine, other children).
        private var setAside: UInt64 = 0

        init(_ text: String, at range: NSRange) {
            self.text = text
            self.range = range
        }

        private var whole: NSRange { NSRange(location: 0, length: (text as NSString).length) }

        func has(_ c: Cue) -> Bool {
            let bit = UInt64(1) << UInt64(c.rawValue)
            if setAside & bit != 0 { return false }
            if asked & bit == 0 {
                asked |= bit
                if CrisisCues.compiled[c.rawValue].firstMatch(in: text, range: whole) != nil { held |= bit }
            }
            return held & bit != 0
        }

        func setAside(_ cues: [Cue]) { for c in cues { setAside |= UInt64(1) << UInt64(c.rawValue) } }

        /// The words of a cue in this sentence.
        func words(_ c: Cue) -> String? {
            guard has(c) else { return nil }
            let ns = text as NSString
            return CrisisCues.compiled[c.rawValue].firstMatch(in: text, range: whole).map { ns.substring(with: $0.range) }
        }

        /// Every distinct match of a cue ("no food in the house" and "soiled" are two signs).
        func count(_ c: Cue) -> Int {
            guard has(c) else { return 0 }
            let ns = text as NSString
            return Set(CrisisCues.compiled[c.rawValue].matches(in: text, range: whole).map { ns.substring(with: $0.range) }).count
        }

        /// A time that is now, not counting an age ("I'm 40 now").
        var saysNow: Bool {
            guard has(.now) else { return false }
            let without = text.replacingOccurrences(of: #"\b\d+ now\b"#, with: "", options: .regularExpression)
            return CrisisCues.compiled[Cue.now.rawValue].firstMatch(in: without, range: NSRange(location: 0, length: (without as NSString).length)) != nil
        }

        /// Said of something over, dated, denied or taught: a `SafetyCheck` pattern that matches
        /// here raises no notice ("history of overdose (2017), stable", "denies suicidal ideation").
        /// `words` are the pattern's own. A course is calm only when nobody in the sentence did
        /// anything ("I've taken an overdose, is there a course" is an overdose); volunteering is
        /// calm when the pattern's words are a bare name ("I'd like to volunteer on a domestic
        /// abuse helpline"). `range` is the pattern's match in the whole folded text.
        func calm(matching words: String, at range: NSRange) -> Bool {
            if has(.calmed) { return true }
            // A figure of speech on the pattern's own words: "she'd kill me if I forgot her birthday".
            if has(.hyperbole), CrisisCues.compiled[Cue.hyperbole.rawValue].matches(in: text, range: whole).contains(where: {
                NSIntersectionRange(NSRange(location: $0.range.location + self.range.location, length: $0.range.length), range).length > 0
            }) { return true }
            if has(.pastForSure), !saysNow { return true }
            let acted = { (t: String) in SafetyCheck.someonesAct.firstMatch(in: t, range: NSRange(location: 0, length: (t as NSString).length)) != nil }
            if has(.volunteering), !saysNow, !acted(words) { return true }
            if has(.teaching), !saysNow, !acted(text) { return true }
            return false
        }
    }

    /// The sentences of folded words (`SafetyCheck.fold`): each ends at ".", "!", "?" or ";"
    /// before a space.
    static func sentences(_ t: String) -> [Sentence] {
        let ns = t as NSString
        var out: [Sentence] = []
        var start = 0
        var i = 0
        while i < ns.length {
            let c = ns.character(at: i)
            if (c == 0x2E || c == 0x21 || c == 0x3F || c == 0x3B), i + 1 < ns.length, ns.character(at: i + 1) == 0x20 {
                let r = NSRange(location: start, length: i + 1 - start)
                out.append(Sentence(ns.substring(with: r), at: r))
                start = i + 2
                i += 2
                continue
            }
            i += 1
        }
        if start < ns.length {
            let r = NSRange(location: start, length: ns.length - start)
            out.append(Sentence(ns.substring(with: r), at: r))
        }
        return out
    }

    /// The sentence that holds a range of the folded words.
    static func sentence(holding range: NSRange, in sentences: [Sentence]) -> Sentence? {
        sentences.first { NSLocationInRange(range.location, $0.range) }
    }

    /// What the cues say, or nil: the first sentence that reads as a danger decides.
    /// `age` is that of the person who needs help.
    static func read(_ sentences: [Sentence], age: Int?) -> (SafetyKind, SafetyConcern, [String])? {
        let anywhere = { (c: Cue) in sentences.contains { $0.has(c) } }
        for s in sentences {
            guard triggers.contains(where: s.has) else { continue }
            if s.has(.teaching), !s.has(.now) { continue }
            if s.has(.calmed) { continue }
            if s.has(.past), !s.has(.nowStrong) { continue }
            if s.has(.hyperbole) { s.setAside([.suicide, .body, .threat]) }
            if s.has(.peers) { s.setAside([.hits]) }
            if anywhere(.grownChild) { s.setAside([.child]) }
            // Taking tablets as a routine ("forgets whether she has taken all her tablets").
            if s.has(.medicine), SafetyCheck.medicineRoutine.firstMatch(in: s.text, range: NSRange(location: 0, length: (s.text as NSString).length)) != nil { s.setAside([.medicine]) }
            let has = s.has
            let words = { (list: [Cue]) in list.compactMap(s.words) }
            let young = (age.map { $0 < 19 } ?? false) || anywhere(.childAge)
            let aChild = has(.child) || young
            let family = anywhere(.partner) || anywhere(.family)
            if has(.suicide) { return (.suicide, .suicide, words([.suicide])) }
            if has(.selfHarm) { return (.selfHarm, .selfHarm, words([.selfHarm])) }
            if has(.medicine), has(.intake) {
                if has(.amount) || anywhere(.body) { return (.overdose, .overdose, words([.intake, .amount, .medicine])) }
                if aChild { return (.overdose, .overdose, words([.intake, .medicine])) }
            }
            if has(.medicine), has(.body) || has(.weakBody), !has(.chronic) { return (.overdose, .overdose, words([.medicine, .body, .weakBody])) }
            if has(.sexual) { return aChild ? (.childSafeguarding, .childSafeguarding, words([.sexual])) : (.other, .emergency, words([.sexual])) }
            if has(.child), has(.exploit) { return (.childSafeguarding, .childSafeguarding, words([.exploit])) }
            // An adult exploited, scammed or held: with a time that is now, fear, or two signs.
            if has(.adultExploit), anywhere(.now) || anywhere(.fear) || s.count(.adultExploit) >= 2 { return (.other, .adultAtRisk, words([.adultExploit])) }
            if has(.neglect) {
                let signs = s.count(.neglect)
                if has(.child), anywhere(.now) || signs >= 2 { return (.childSafeguarding, .childSafeguarding, words([.neglect])) }
                if signs >= 2 || has(.hits) { return (.other, .adultAtRisk, words([.neglect, .hits])) }
            }
            if has(.welfare) { return (.other, .emergency, words([.welfare])) }
            if has(.stalking), anywhere(.fear) || anywhere(.now) || anywhere(.threat) { return (.domesticAbuse, .domesticAbuse, words([.stalking, .fear])) }
            if has(.threatToOthers), !has(.me) { return (.other, .emergency, words([.threatToOthers])) }
            if has(.hits) || has(.threat) || (has(.fear) && family) {
                let said = words([.hits, .threat, .fear])
                let hitsAChild = s.words(.hits).map { hit in CrisisCues.compiled[Cue.child.rawValue].firstMatch(in: hit, range: NSRange(location: 0, length: (hit as NSString).length)) != nil } ?? false
                // "my grandson shoves me", "he'll finish me, I've got two kids": the speaker is the
                // one hurt, and a grown-up speaker is no child at risk.
                let againstTheSpeaker = !young && (said.contains { $0.range(of: #"\bme\b"#, options: .regularExpression) != nil }
                    || s.text.range(of: #"\b(shov|push|hit|slap|kick|punch|throw|threw|grabb?)\w* me\b"#, options: .regularExpression) != nil)
                // A child hurt by family is the child's danger, whoever else the words name.
                if (has(.child) && !has(.partner) && !againstTheSpeaker) || hitsAChild || (young && has(.family)) { return (.childSafeguarding, .childSafeguarding, said) }
                if family { return (.domesticAbuse, .domesticAbuse, said) }
                if anywhere(.now) || anywhere(.fear) { return has(.me) ? (.domesticAbuse, .domesticAbuse, said) : (.other, .emergency, said) }
                continue
            }
            if has(.unexplained) { return aChild ? (.childSafeguarding, .childSafeguarding, words([.unexplained])) : (.other, .adultAtRisk, words([.unexplained])) }
            if has(.body) || (has(.weakBody) && anywhere(.now) && !has(.chronic)) { return (.other, .emergency, words([.body, .weakBody])) }
            if has(.neglect), anywhere(.now) { return (.other, .adultAtRisk, words([.neglect])) }
        }
        return nil
    }
}
