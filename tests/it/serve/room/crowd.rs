//! A room's worth of phones at once.

use super::*;

#[test]
fn forty_participants_voting_within_one_second_are_all_counted() {
    let (_dir, s, host) = room("room-crowd");
    let tokens: Vec<String> = (0..40)
        .map(|i| join(&s, &host.code, &format!("Person {i}")).0)
        .collect();
    host.publish(&offer(1, Stage::Vote, &["a", "b", "c"]))
        .unwrap();
    let go = Arc::new(std::sync::Barrier::new(tokens.len()));
    let started = Instant::now();
    let threads: Vec<_> = tokens
        .into_iter()
        .enumerate()
        .map(|(i, token)| {
            let (addr, code, go) = (s.addr(), host.code.clone(), go.clone());
            std::thread::spawn(move || {
                go.wait();
                let choice = ["a", "b", "c"][i % 3];
                answer(
                    agent()
                        .post(format!("http://{addr}/api/rooms/{code}/vote"))
                        .header("X-Participant", &token)
                        .header("Content-Type", "application/json")
                        .send(json!({ "choice": choice }).to_string().as_str()),
                )
                .0
            })
        })
        .collect();
    let statuses: Vec<u16> = threads.into_iter().map(|t| t.join().unwrap()).collect();
    let took = started.elapsed();
    assert!(statuses.iter().all(|s| *s == 200), "{statuses:?}");
    assert!(took < Duration::from_secs(1), "40 votes took {took:?}");
    assert_eq!(
        votes(&host),
        [("a".into(), 14), ("b".into(), 13), ("c".into(), 13)]
    );
    let closed = host.close(&Close::default()).unwrap();
    assert_eq!(
        (closed.outcome, closed.casts.len()),
        (Outcome::Majority, 40)
    );
}
