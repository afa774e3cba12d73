//! A logger that keeps every record, for the tests of what reaches a log. A process has one
//! logger, so a test binary that installs it holds only tests that expect it.

// Tests say what they expect with unwrap; a poisoned lock is a failed test.
#![allow(clippy::unwrap_used)]

use std::sync::Mutex;

static RECORDS: Mutex<Vec<String>> = Mutex::new(Vec::new());

struct Capture;

impl log::Log for Capture {
    fn enabled(&self, _: &log::Metadata<'_>) -> bool {
        true
    }
    fn log(&self, record: &log::Record<'_>) {
        RECORDS.lock().unwrap().push(format!("{} {}", record.target(), record.args()));
    }
    fn flush(&self) {}
}

/// Installs the logger at the most verbose level.
pub fn install() {
    log::set_logger(&Capture).unwrap();
    log::set_max_level(log::LevelFilter::Trace);
}

/// Every record so far, as `target message`.
pub fn records() -> Vec<String> {
    RECORDS.lock().unwrap().clone()
}
