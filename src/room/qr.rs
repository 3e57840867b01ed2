//! The join address as a QR code: a square of dark and light modules for
//! the game to paint, and the same as SVG for a browser.

/// A QR code's modules, row by row, without the quiet zone around it
/// (leave four light modules on each side when painting).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Matrix {
    width: usize,
    dark: Vec<bool>,
}

impl Matrix {
    /// The code for `text` (an address: a few dozen bytes). `None` only
    /// for text too long for any QR code (about 2,900 bytes).
    pub fn of(text: &str) -> Option<Matrix> {
        let code = qrcode::QrCode::with_error_correction_level(text, qrcode::EcLevel::M).ok()?;
        Some(Matrix {
            width: code.width(),
            dark: code
                .to_colors()
                .into_iter()
                .map(|c| c == qrcode::Color::Dark)
                .collect(),
        })
    }

    /// Modules on a side.
    pub fn width(&self) -> usize {
        self.width
    }

    /// Whether the module at column `x`, row `y` is dark (outside: light).
    pub fn dark(&self, x: usize, y: usize) -> bool {
        x < self.width && y < self.width && self.dark[y * self.width + x]
    }

    /// An SVG picture, one unit per module with a quiet zone of four,
    /// black on white, scaled to whatever size it is shown at.
    pub fn svg(&self) -> String {
        let side = self.width + 8;
        let mut path = String::new();
        for y in 0..self.width {
            for x in 0..self.width {
                if self.dark(x, y) {
                    path.push_str(&format!("M{} {}h1v1h-1z", x + 4, y + 4));
                }
            }
        }
        format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {side} {side}\" shape-rendering=\"crispEdges\"><title>QR code of the join address</title><rect width=\"{side}\" height=\"{side}\" fill=\"#fff\"/><path fill=\"#000\" d=\"{path}\"/></svg>"
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_makes_a_square_code_with_its_finder_patterns() {
        let m = Matrix::of("http://192.168.1.20:8080/join/KTRW").unwrap();
        assert!(m.width() >= 21 && m.width() % 4 == 1);
        // The finder pattern's corner in the top left: dark, then a light
        // ring inside the dark ring.
        assert!(m.dark(0, 0) && m.dark(6, 6) && !m.dark(1, 1) && m.dark(2, 2));
        assert!(!m.dark(m.width(), 0));
        assert!(m.svg().starts_with("<svg") && m.svg().contains("h1v1h-1z"));
    }
}
