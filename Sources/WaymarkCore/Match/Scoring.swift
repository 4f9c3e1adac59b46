/// Every weight the matcher's score uses, in one place, each with why. Like fzf's scoring
/// constants: named, so a change is a reviewed decision, not a stray literal.
/// A suggestion's score is `need·(share of needs met) + text·(BM25 relevance) + travel·(1 − burden)`,
/// then the adjustments below. Chosen by hand on the project's own sentences; treat as a starting point.
public struct Scoring: Sendable, Equatable {
    /// Meeting what the person asked for matters most.
    public var need = 0.7
    /// The person's own words in the service's text: separates services with the same tags.
    public var text = 0.3
    /// Ease of getting there, by the person's transport (see `Matcher.travelBurden`).
    public var travel = 0.15
    /// Up to this much is lost by a service whose condition and function tags are mostly things
    /// this person did not ask for: a service made for the need beats a broad one.
    public var specificity = 0.12
    /// The words name an audience (older people, young people) the service is for.
    public var audienceHint = 0.03
    /// The person asked for home visits and the service makes them.
    public var homeVisitWanted = 0.05
    /// A charge, even when free help was not asked for: the free community step comes first.
    public var charged = 0.04
    /// Asked for free help only: a charged service drops far, a low-cost one a little.
    public var chargedWhenFreeOnly = 0.3
    public var lowCostWhenFreeOnly = 0.1
    /// Not checked for a long time: the details may be wrong.
    public var stale = 0.08
    /// All its listed sessions are past.
    public var sessionsEnded = 0.15
    /// A stated preference for a group, or for one-to-one help, is met.
    public var preferenceMet = 0.03
    /// The person can start it themselves today: the right first step.
    public var selfReferral = 0.04
    /// Only a professional or a GP can refer: a later step for someone presenting themselves.
    public var referralOnly = 0.08
    /// A specialist step (clinical care, assessment, hospital discharge, crisis teams,
    /// residential or inpatient beds) when the words did not ask for one: after the community
    /// first step, not instead of it.
    public var specialistStep = 0.12

    /// With a safety notice, crisis services come first, whatever else they offer.
    public var crisisFirst = 1.0
    /// Among crisis services, the ones that answer this danger (`SafetyConcern.answeredBy`: the
    /// crisis team for suicidal thoughts, the helpline for a partner's threat) before the rest,
    /// such as an emergency card for carers or an alarm service that also meets a frailty need.
    /// A tier like `crisisFirst`, not a nudge: no breadth of other needs met may outweigh it.
    public var crisisAnswers = 1.0
    /// With a safety notice, the condition that fits the kind of danger (severe mental illness
    /// for suicidal thoughts), so the crisis team comes before an emergency carers' service.
    public var crisisConditionWeight = 0.6
    /// A service for a condition this person did not name; half when they named none.
    public var otherCondition = 0.05
    /// A service whose text alone (no need met) is this close to the best text match is a candidate.
    public var textCandidate = 0.25

    // Interpretation.
    /// Lexicon codes weaker than this are hints, not needs.
    public var needThreshold = 0.4
    /// Needs the directory suggests beside the lexicon's count for less: a hint, not a claim.
    public var inferredWeight = 0.3
    /// When the lexicon found nothing, the directory's suggestion is all there is to go on.
    public var inferredAloneWeight = 0.6
    /// How many of the best text matches vote on what the words are about, and the share of
    /// their relevance a code needs to become a need.
    public var feedbackDocuments = 10
    public var feedbackShare = 0.5

    /// A circumstance the service requires is only likely: it stays, below the sure fits.
    public var mustAsk = 0.06
    /// The weight of "services that support carers" added when the speaker is a carer:
    /// beside the cared-for person's needs, not above them.
    public var carerNeedWeight = 0.35

    /// At most this many needs: more dilutes the share of needs met until nothing stands out.
    public static let maxNeeds = 8

    public static let standard = Scoring()
}
