package org.pathlab.api;

import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.server.Route;
import org.pathlab.experiment.ExperimentState;

/** What routes beside {@link HttpApi}'s own need from it: experiments' states, and its way of answering. */
interface Answers {

  /** The experiment's state from the read side, with every event recorded through this daemon; empty for an unknown id. */
  CompletionStage<Optional<ExperimentState>> state(String id);

  /** A command recorded the experiment's events up to {@code sequenceNr}: reads of it wait for the read side to have them. */
  void recorded(String id, long sequenceNr);

  /** Every experiment's state on the read side. */
  CompletionStage<java.util.List<ExperimentState>> states();

  /** The answer built from what the journal said, or 503 when it could not be read. */
  <T> Route fromJournal(CompletionStage<T> answer, Function<T, Route> inner);

  /** 404 naming the id. */
  Route notFound(String id);

  /** A command the experiment refused, with the status code its reason calls for. */
  Route refused(org.pathlab.experiment.ExperimentReply.Refused refusal, String id);

  /** 200 with a JSON body. */
  Route ok(Object body);

  /** {@code status} with a JSON body. */
  Route respond(StatusCode status, Object body);
}
